package org.cityeval.engine.internal;

import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/** {@code province}: a city's group is its province; a municipality is its own province. */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + ProvinceGrouping.NAME, Rules.PARAMETERS + "=" })
public class ProvinceGrouping implements GroupingRule {
    public static final String NAME = "province";

    @Override
    public List<String> groupsOf(City city) {
        return List.of(city.province());
    }
}
