package org.cityeval.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.cities.internal.CityRegistryComponent;
import org.cityeval.counties.internal.CountyRegistryComponent;
import org.junit.jupiter.api.Test;

/** Reading a table at each unit level: city (the default), county, free. */
class UnitLevelsTest {
    private static final CityRegistryComponent CITIES = new CityRegistryComponent();
    private static final CountyRegistryComponent COUNTIES = new CountyRegistryComponent();

    private static DatasetReaderComponent reader(boolean withCounties) {
        DatasetReaderComponent reader = new DatasetReaderComponent();
        reader.cities = CITIES;
        reader.counties = withCounties ? COUNTIES : null;
        reader.importers = List.of(Map.entry(Map.of(DatasetReaderComponent.IMPORTER, "csv"), new CsvDatasetImporter()));
        return reader;
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countyNamesResolveAgainstTheCountyRegistry() throws Exception {
        CityDataset ds = reader(true).read("counties.csv",
                csv("county,gdp\n昆山市,5006\n义乌市,1835\n晋江市,3207\n北京市朝阳区,8000\n張家港,1\nTaicang,2\n320581,3\n"), "county");
        assertEquals(List.of("320583", "330782", "350582", "110105", "320582", "320585", "320581"),
                ds.records().stream().map(r -> r.city().adcode()).toList());
        assertEquals("江苏省", ds.records().get(0).city().province());
        assertEquals("county_city", ds.records().get(0).city().level());
    }

    @Test
    void aSharedCountyNameFailsWithItsCandidatesRowAndColumn() {
        BadInputException e = assertThrows(BadInputException.class, () -> reader(true).read("counties.csv",
                csv("county,gdp\n昆山市,5006\n朝阳区,8000\n"), "county"));
        assertEquals("counties.csv:3:1: ambiguous county '朝阳区': could be 朝阳区 (北京市, 110105) or 朝阳区 (吉林省长春市, "
                + "220104); write the city before the name (北京市朝阳区) or use the adcode", e.getMessage());
    }

    @Test
    void aProvinceColumnNarrowsASharedName() throws Exception {
        CityDataset ds = reader(true).read("c.csv", csv("county,province,x\n朝阳区,吉林省,1\n鼓楼区,福建,2\n"), "county");
        assertEquals(List.of("220104", "350102"), ds.records().stream().map(r -> r.city().adcode()).toList());
    }

    @Test
    void countyUnitsWithoutTheCountyRegistryAreRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader(false).read("c.csv", csv("county,x\n昆山市,1\n"), "county"));
        assertEquals("c.csv: county units need the county registry (bundle org.cityeval.counties), which is not "
                + "installed", e.getMessage());
    }

    @Test
    void cityUnitsStayAsTheyWere() throws Exception {
        assertEquals("320500", reader(true).read("c.csv", csv("city,x\n苏州,1\n"), "city").records().get(0).city()
                .adcode());
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader(true).read("c.csv", csv("city,x\n昆山市,1\n")));
        assertEquals("c.csv:2:1: unknown city '昆山市'", e.getMessage());
    }

    @Test
    void freeUnitsAreKeyedByTheirCode() throws Exception {
        CityDataset ds = reader(true).read("u.csv", csv("code,name,x\nFRA,France,1\nunit-07,,2\n"), "free");
        City france = ds.records().get(0).city();
        assertEquals(List.of("FRA", "France", "free"), List.of(france.adcode(), france.name(), france.level()));
        assertEquals("unit-07", ds.records().get(1).city().name());
    }
}
