package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class BodiesTest {
    @Test
    void readsUpToTheLimit() throws IOException {
        assertArrayEquals(new byte[10], Bodies.read(new ByteArrayInputStream(new byte[10]), -1, 10));
        assertEquals(413, assertThrows(HttpError.class, () -> Bodies.read(new ByteArrayInputStream(new byte[11]), -1, 10)).status,
                "a body longer than it says, or chunked");
        assertEquals(413, assertThrows(HttpError.class, () -> Bodies.read(new ByteArrayInputStream(new byte[0]), 11, 10)).status,
                "refused on the declared length before reading");
    }

    @Test
    void parsesTheQueryString() {
        assertEquals("x y.csv", Bodies.query("a=1&name=x+y.csv", "name"));
        assertEquals("a/b.csv", Bodies.query("name=a%2Fb.csv&name=second", "name"));
        assertEquals("", Bodies.query("name", "name"));
        assertNull(Bodies.query("other=1", "name"));
        assertNull(Bodies.query(null, "name"));
        assertEquals(400, assertThrows(HttpError.class, () -> Bodies.query("name=%zz", "name")).status);
    }

    @Test
    void reducesFileNamesToTheirLastSegment() {
        assertEquals("passwd", Bodies.fileName("../../etc/passwd"));
        assertEquals("cities.csv", Bodies.fileName("C:\\Users\\me\\cities.csv"));
        assertEquals("ab.csv", Bodies.fileName("a\u0000b\n.csv"));
        assertEquals("城市.xlsx", Bodies.fileName("城市.xlsx"));
        assertNull(Bodies.fileName(".."));
        assertNull(Bodies.fileName("dir/"));
        assertNull(Bodies.fileName(null));
        assertEquals(100, Bodies.fileName("x".repeat(300) + ".csv").length());
        assertTrue(Bodies.fileName("x".repeat(300) + ".csv").endsWith(".csv"));
    }

    @Test
    void recognisesMediaTypes() {
        assertTrue(Bodies.isMediaType("multipart/form-data; boundary=x", "multipart/form-data"));
        assertTrue(Bodies.isMediaType("Multipart/Form-Data", "multipart/form-data"));
        assertFalse(Bodies.isMediaType("text/csv", "multipart/form-data"));
        assertFalse(Bodies.isMediaType(null, "multipart/form-data"));
    }
}
