package org.cityeval.io.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * How large one data file may be: its bytes and the values it holds. Both are checked while the file is read, so a
 * file over a limit is refused where it crosses it, with what was read so far dropped, and the memory a read takes
 * is bounded by the limits rather than by the file. Framework properties (or {@code -D} in {@code CITYEVAL_JAVA_OPTS}):
 * <ul>
 * <li>{@value #MAX_BYTES}: bytes of one data file, default 64 MiB; a suffix {@code k}, {@code m} or {@code g}
 * (binary) is allowed. A file whose size is known before it is read (a file on disk, an upload in memory) is
 * refused before its first byte is parsed;</li>
 * <li>{@value #MAX_VALUES}: numeric values of one dataset (missing cells do not count), default 10,000,000
 * (the 5 million values of {@code scripts/bench-import.sh} fit twice).</li>
 * </ul>
 * Why 64 MiB: the web API takes uploads up to 20 MiB; 64 MiB holds a wide CSV of about 7 million values or a long
 * one of about 2 million, more than the largest study the shipped models make sense of (2,800 counties × 20 years
 * × 100 variables = 5.6 million values, wide). A larger file is likelier a mistake (a log, a whole database dump)
 * than data, and reading it would take most of the heap before anything could say so.
 *
 * @param maxBytes  largest data file, bytes
 * @param maxValues most numeric values in one dataset
 */
record DatasetLimits(long maxBytes, long maxValues) {
    static final String MAX_BYTES = "cityeval.data.maxBytes";
    static final String MAX_VALUES = "cityeval.data.maxValues";
    static final DatasetLimits DEFAULTS = new DatasetLimits(64L * 1024 * 1024, 10_000_000);

    DatasetLimits {
        if (maxBytes <= 0 || maxValues <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** @throws IllegalArgumentException naming the property whose value is not a positive size */
    static DatasetLimits from(Function<String, String> properties) {
        return new DatasetLimits(size(MAX_BYTES, properties.apply(MAX_BYTES), DEFAULTS.maxBytes),
                size(MAX_VALUES, properties.apply(MAX_VALUES), DEFAULTS.maxValues));
    }

    private static long size(String name, String value, long otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        int shift = switch (v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            if (n > 0 && n <= Long.MAX_VALUE >> shift) {
                return n << shift;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + "=" + value + ": a positive number, e.g. 67108864 or 64m");
    }

    /** The reason a file over {@link #maxBytes} is refused. */
    String tooManyBytes(long size) {
        return (size > 0 ? String.format(Locale.ROOT, "%,d bytes: ", size) : "")
                + "larger than " + bytes(maxBytes) + ", the limit for one data file (framework property "
                + MAX_BYTES + ", e.g. CITYEVAL_JAVA_OPTS=-D" + MAX_BYTES + "=256m); split the file by year or by"
                + " province, or raise the limit";
    }

    /** The reason a dataset over {@link #maxValues} is refused, at the value that crossed it. */
    String tooManyValues() {
        return String.format(Locale.ROOT, "more than %,d values, the limit for one dataset (framework property %s);"
                + " reading stopped here: split the file by year or by province, or raise the limit", maxValues,
                MAX_VALUES);
    }

    static String bytes(long n) {
        return n % (1L << 30) == 0 ? (n >> 30) + " GiB" : n % (1L << 20) == 0 ? (n >> 20) + " MiB"
                : n % 1024 == 0 ? (n >> 10) + " KiB" : String.format(Locale.ROOT, "%,d bytes", n);
    }

    /** A stream that fails with {@link TooLarge} once more than {@link #maxBytes} have been read from it. */
    InputStream bounded(InputStream in) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(n);
                count(s);
                return s;
            }

            private void count(long n) throws TooLarge {
                read += n;
                if (read > maxBytes) {
                    throw new TooLarge(tooManyBytes(0));
                }
            }

            @Override
            public boolean markSupported() {
                return false; // a reset would count bytes twice
            }
        };
    }

    /**
     * A file over {@link #maxBytes}, found while it is read: an {@link IOException} so that it passes through the
     * parsers; the importers turn it into a {@code BadInputException} at the row being read.
     */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
