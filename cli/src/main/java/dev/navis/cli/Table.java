package dev.navis.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Left-aligned columns, two spaces apart, sized to their widest cell. */
final class Table {

  private final List<List<String>> rows = new ArrayList<>();

  /** @param header column titles, or null for a table without a header row */
  Table(List<String> header) {
    if (header != null) {
      rows.add(header);
    }
  }

  void row(String... cells) {
    rows.add(Arrays.asList(cells));
  }

  void row(List<String> cells) {
    rows.add(cells);
  }

  void print(PrintWriter out) {
    int[] widths = widths();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i) != null ? row.get(i) : "";
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private int[] widths() {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i) != null ? row.get(i) : "";
        widths[i] = Math.max(widths[i], cell.codePointCount(0, cell.length()));
      }
    }
    return widths;
  }
}
