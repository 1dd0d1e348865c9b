package org.cityeval.api.result;

/**
 * A city with a node's score, as listed in top-N tables.
 */
public record RankedCity(String adcode, String name, double score) {
}
