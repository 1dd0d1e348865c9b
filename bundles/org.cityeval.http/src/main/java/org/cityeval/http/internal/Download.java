package org.cityeval.http.internal;

/**
 * A file as the answer: written with its content type and as an attachment with this name.
 *
 * @param bytes       the content
 * @param contentType e.g. {@code text/html;charset=utf-8}
 * @param fileName    the name offered for saving; plain ASCII
 */
record Download(byte[] bytes, String contentType, String fileName) {
}
