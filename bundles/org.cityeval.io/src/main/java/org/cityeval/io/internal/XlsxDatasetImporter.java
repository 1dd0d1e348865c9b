package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.spi.DatasetImporter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Reads the first worksheet of an Excel workbook ({@code .xlsx}, Office Open XML) with the same meaning as
 * a CSV file: the same wide and long layouts, cities, years and numbers, read by the same
 * {@link TableReader}. Rows and columns in messages are the sheet's: row 1 is the sheet's first row,
 * column A is 1 ({@code data.xlsx:4:3: ...} is cell C4).
 * <p>
 * A worksheet can hold what a CSV cannot, and some of it is refused rather than guessed at:
 * <ul>
 * <li>merged cells ({@code merged cells A3:B3: unmerge them, one value per cell}), reported at the range's
 * first cell before any row is read: a merged range has one value for several cells, and which rows or
 * columns it was meant for is a guess;</li>
 * <li>formula cells ({@code formula cell C4: save values only (paste as values)}), even when the file
 * carries the last computed value: that value is whatever the last program to save the file computed (or
 * nothing, for files written by other tools), and figures that change with other cells are not data;</li>
 * <li>boolean cells.</li>
 * </ul>
 * A value that breaks the sheet's data validation (a collection form's range or list of levels,
 * {@link FormRanges}) is refused at {@code sheet:row:column}, e.g. {@code f.xlsx:填报:4:4: 9 in column 'x' (cell D4)
 * is outside the form's range: from 0 to 2.5}.
 * Numbers are written back as text that {@link Numbers} parses to exactly the stored double
 * ({@link Numbers#text}), so a workbook and a CSV of the same table import to identical values; a
 * percentage cell holds its fraction (0.857 for 85.7%), as the CSV's {@code 85.7%} is read. Dates are
 * Excel's serial numbers. Text cells (shared or inline strings) are read as typed, so {@code "1,234.5"} or
 * {@code —} typed as text mean what they mean in a CSV.
 * <p>
 * Why no library: see {@link XlsxWorkbook}.
 */
@Component(service = DatasetImporter.class, property = "cityeval.importer=xlsx")
public class XlsxDatasetImporter implements DatasetImporter {

    /** The values limit, checked row by row ({@link DatasetLimits}; the byte limit is the reader's). */
    private DatasetLimits limits = DatasetLimits.DEFAULTS;

    @Activate
    void activate(BundleContext context) {
        limits = DatasetLimits.from(context::getProperty);
    }

    @Override
    public boolean accepts(String sourceName) {
        return sourceName != null && sourceName.regionMatches(true, sourceName.length() - 5, ".xlsx", 0, 5);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        XlsxWorkbook workbook = XlsxWorkbook.open(sourceName, in);
        try {
            workbook.checkNoMergedCells();
            return new TableReader(sourceName, workbook.rows(), cities, limits).check(FormRanges.of(sourceName, workbook)).read();
        } catch (IOException e) { // cannot happen: the sheet is in memory; kept for the signature
            throw new BadInputException(sourceName, null, "cannot read the file: " + e.getMessage());
        }
    }
}
