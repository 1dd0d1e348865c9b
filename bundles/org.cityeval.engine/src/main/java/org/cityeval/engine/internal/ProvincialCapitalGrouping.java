package org.cityeval.engine.internal;

import java.util.List;

import org.cityeval.api.data.City;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.osgi.service.component.annotations.Component;

/**
 * {@code provincial-capital}: one group, 省会城市, of the provincial capitals (the registry's 27; the four
 * municipalities are provinces of their own, not capitals).
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + ProvincialCapitalGrouping.NAME, Rules.PARAMETERS + "=" })
public class ProvincialCapitalGrouping implements GroupingRule {
    public static final String NAME = "provincial-capital";
    static final String GROUP = "省会城市";

    @Override
    public List<String> groupsOf(City city) {
        return city.provincialCapital() ? List.of(GROUP) : List.of();
    }
}
