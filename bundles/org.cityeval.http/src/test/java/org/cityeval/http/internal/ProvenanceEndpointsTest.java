package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cityeval.api.workflow.DataSource;
import org.junit.jupiter.api.Test;

class ProvenanceEndpointsTest {
    @Test
    void dataNamesPacksAndUploadsInPrecedenceOrder() {
        assertEquals(DataSource.pack("china-cities"), ProvenanceEndpoints.data("pack:china-cities"));
        DataSource m = ProvenanceEndpoints.data("upload:ab12+pack:china-cities");
        assertEquals(List.of(DataSource.upload("ab12"), DataSource.pack("china-cities")), m.parts());
        assertEquals(m, ProvenanceEndpoints.data("upload:ab12 pack:china-cities"), "a '+' left unencoded is a space");
    }

    @Test
    void filesAreNotReadOverHttp() {
        HttpError e = assertThrows(HttpError.class, () -> ProvenanceEndpoints.data("pack:a+/etc/passwd"));
        assertEquals("data: '/etc/passwd' is neither pack:NAME nor upload:TOKEN (upload a file with POST /api/upload)",
                e.getMessage());
    }
}
