package org.cityeval.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

/**
 * The file of {@code POST /api/upload}: a {@code multipart/form-data} body with one file field {@code file}
 * (parsed by the servlet container: the servlet is registered with multipart enabled and the size limit), or
 * the raw file as the body with its name in {@code ?name=x.csv}.
 */
final class Uploads {
    /** Room for the multipart boundaries and part headers around a file of the largest size. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /** A file received. */
    record Upload(String name, byte[] bytes) {
    }

    private Uploads() {
    }

    static Upload read(Call call) throws IOException {
        HttpServletRequest req = call.request();
        long limit = call.maxBody();
        String queryName = call.query("name");
        if (!Bodies.isMediaType(req.getContentType(), "multipart/form-data")) {
            String name = Bodies.fileName(queryName);
            if (name == null) {
                throw HttpError.badRequest("send multipart/form-data with a file field 'file', or the file itself as "
                        + "the body with its name in the query: POST /api/upload?name=cities.csv");
            }
            return new Upload(name, call.body());
        }
        if (req.getContentLengthLong() > limit + MULTIPART_OVERHEAD) {
            throw HttpError.tooLarge(limit);
        }
        Part part;
        try {
            part = req.getPart("file");
            call.bodyReceived(); // the container has read the whole body
        } catch (IOException | ServletException | IllegalStateException e) {
            if (tooLarge(e)) {
                throw HttpError.tooLarge(limit);
            }
            if (e instanceof IllegalStateException ise) {
                throw ise; // multipart not enabled on the servlet: a deployment fault, answered 500
            }
            throw HttpError.badRequest("the multipart/form-data body cannot be read: " + reason(e));
        }
        try {
            if (part == null) {
                throw HttpError.badRequest("the multipart/form-data body has no field 'file'");
            }
            if (part.getSize() > limit) {
                throw HttpError.tooLarge(limit);
            }
            String name = Bodies.fileName(part.getSubmittedFileName());
            name = name != null ? name : Bodies.fileName(queryName);
            if (name == null) {
                throw HttpError.badRequest("the field 'file' has no file name; the name's extension (.csv, .xlsx, "
                        + ".json) says how to read it");
            }
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = Bodies.read(in, part.getSize(), limit);
            }
            return new Upload(name, bytes);
        } finally {
            deleteParts(req);
        }
    }

    /** Removes the container's temporary files of the parts. */
    private static void deleteParts(HttpServletRequest req) {
        try {
            for (Part p : req.getParts()) {
                p.delete();
            }
        } catch (IOException | ServletException | RuntimeException e) {
            // best effort: the container cleans up at the end of the request too
        }
    }

    /** Whether the container refused the body for its size (commons-fileupload's size-limit exceptions). */
    static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getName().toLowerCase(Locale.ROOT);
            if (n.contains("sizelimitexceeded") || n.contains("sizeexception") || n.contains("toolarge")) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? e.getMessage() : root.getMessage();
        return m == null ? "malformed" : HttpError.quote(m);
    }
}
