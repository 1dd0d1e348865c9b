package org.cityeval.api.spi;

import java.util.List;

import org.cityeval.api.data.City;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Says which named groups a city belongs to (its province, its region, the provincial capitals).
 */
@ConsumerType
public interface GroupingRule {

    /** @return the names of the groups the city belongs to; empty for none */
    List<String> groupsOf(City city);
}
