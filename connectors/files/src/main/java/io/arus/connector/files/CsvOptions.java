package io.arus.connector.files;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * How CSV is written and read (RFC 4180 with these choices).
 *
 * @param header     whether the first line names the columns
 * @param delimiter  the field separator
 * @param quote      the quote character
 * @param nullMarker what a NULL is written as; an empty field is the empty string
 */
record CsvOptions(boolean header, char delimiter, char quote, String nullMarker) {
    /**
     * Every non-null value is quoted and NULL is the marker unquoted: in this strict mode Commons CSV reads a quoted
     * marker, and the empty string ({@code ""}), back as strings, so NULL, the empty string and a text that equals
     * the marker stay apart.
     *
     * @return the Commons CSV format
     */
    CSVFormat format() {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote(quote).setRecordSeparator("\r\n")
                .setNullString(nullMarker).setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    }

    /**
     * @return the format for reading: as {@link #format()} (so the NULL marker and the empty string stay apart),
     *         skipping blank lines
     */
    CSVFormat readFormat() {
        return format().builder().setIgnoreEmptyLines(true).get();
    }
}
