package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.cityeval.http.internal.Fakes.FilePart;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The multipart side of POST /api/upload, with the container's parts faked. */
class UploadsTest {
    private static final String MULTIPART = "multipart/form-data; boundary=xyz";
    private final ApiServlet servlet = Fakes.servlet(new Fakes.Optionals(), 1000);

    /** As commons-fileupload names its size-limit exceptions. */
    static final class FakeFileSizeLimitExceededException extends Exception {
        private static final long serialVersionUID = 1L;

        FakeFileSizeLimitExceededException() {
            super("field file exceeds its maximum permitted size of 1000 bytes");
        }
    }

    private Response upload(Object part) throws IOException {
        Request r = new Request("POST", "/upload").body(new byte[100], MULTIPART);
        r.part = part;
        return Fakes.call(servlet, r);
    }

    private static String error(Response r) throws IOException {
        JsonNode n = ApiJson.MAPPER.readTree(r.body.toByteArray());
        return n.path("error").asText();
    }

    @Test
    void readsTheFileFieldAndDeletesTheParts() throws IOException {
        FilePart f = new FilePart("C:\\data\\cities.csv", "adcode,a\n110000,1\n");
        Response r = upload(f.proxy());
        assertEquals(200, r.status, r.text());
        assertEquals("cities.csv", ApiJson.MAPPER.readTree(r.body.toByteArray()).get("name").asText());
        assertTrue(f.deleted, "the container's temporary file is deleted");
    }

    @Test
    void badFilesNameRowAndColumn() throws IOException {
        FilePart f = new FilePart("bad.csv", "adcode,a\n110000,x\n");
        Response r = upload(f.proxy());
        assertEquals(400, r.status);
        assertEquals("bad.csv:2:2: not a number: 'x'", error(r));
        assertTrue(f.deleted);
    }

    @Test
    void missingFieldOrNameIs400() throws IOException {
        Response none = upload(null);
        assertEquals(400, none.status);
        assertTrue(error(none).contains("no field 'file'"));
        Response nameless = upload(new FilePart("", "adcode\n").proxy());
        assertEquals(400, nameless.status);
        assertTrue(error(nameless).contains("no file name"));
    }

    @Test
    void theContainersLimitsAnswer413AndItsParseErrors400() throws IOException {
        Response big = upload(new IOException("Error parsing multipart request", new FakeFileSizeLimitExceededException()));
        assertEquals(413, big.status);
        assertTrue(error(big).contains("larger than 1000 bytes"));
        Response part = upload(new FilePart("big.csv", "x".repeat(1001)).proxy());
        assertEquals(413, part.status);
        Response garbled = upload(new IOException("Error parsing multipart request",
                new IOException("Stream ended unexpectedly")));
        assertEquals(400, garbled.status);
        assertTrue(error(garbled).contains("Stream ended unexpectedly"));
        Response disabled = upload(new IllegalStateException("Multipart not enabled for servlet."));
        assertEquals(500, disabled.status);
        assertEquals("internal error", error(disabled));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeParsing() throws IOException {
        Request r = new Request("POST", "/upload").body(new byte[1000 + (int) Uploads.MULTIPART_OVERHEAD + 1], MULTIPART);
        r.part = new IllegalStateException("must not be parsed");
        Response resp = Fakes.call(servlet, r);
        assertEquals(413, resp.status);
    }

    @Test
    void classifiesSizeErrors() {
        assertTrue(Uploads.tooLarge(new IOException("x", new FakeFileSizeLimitExceededException())));
        assertFalse(Uploads.tooLarge(new IOException("x", new IOException("y"))));
    }
}
