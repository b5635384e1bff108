package org.duban.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The bureau's working days, as in config/calendar/&lt;year&gt;.yaml: one file per year, copied from
 * the State Council General Office's holiday notice for that year (国务院办公厅关于XXXX年部分节假日安排的通知),
 * 调休 included. Days are the bureau's dates (Asia/Shanghai, see {@code Deadlines.today()}).
 *
 * <p>A year without a file is not guessed at: asking about it throws {@link CalendarGap}, because a
 * deadline counted over plain Monday-to-Friday would be wrong around every long holiday.
 */
public final class WorkingCalendar {

  /** One config/calendar/&lt;year&gt;.yaml as written. */
  public record CalendarFile(Integer year, String source, List<Day> holidays, List<Day> workdays) {
    public CalendarFile {
      holidays = holidays == null ? List.of() : holidays;
      workdays = workdays == null ? List.of() : workdays;
    }
  }

  /** A date entry as written, with its line: checked after reading, so each problem can name its line. */
  @JsonDeserialize(using = Day.Reader.class)
  public record Day(String text, int line) {
    static final class Reader extends StdDeserializer<Day> {
      Reader() {
        super(Day.class);
      }

      @Override
      public Day deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
          // a list or mapping where a date belongs: the reader's error names the line and path
          return ctxt.reportInputMismatch(Day.class, "expected a date like 2026-01-01, found a %s",
              p.currentToken() == JsonToken.START_OBJECT ? "mapping" : "list");
        }
        return new Day(p.getText(), p.currentTokenLocation().getLineNr());
      }

      @Override
      public Day getNullValue(DeserializationContext ctxt) {
        JsonParser p = ctxt.getParser();
        return new Day(null, p == null ? -1 : p.currentTokenLocation().getLineNr());
      }
    }
  }

  /** The days of one year that differ from a plain Monday-to-Friday week. */
  public record YearDays(String source, Set<LocalDate> holidays, Set<LocalDate> workdays) {
    public YearDays {
      holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
      workdays = Collections.unmodifiableSet(new TreeSet<>(workdays));
    }
  }

  /** Asked about a year no calendar file covers: refuse rather than count plain weekdays. */
  public static final class CalendarGap extends RuntimeException {
    private final int year;

    CalendarGap(int year, String dir) {
      super("没有 " + year + " 年的工作日历：请添加 " + dir + "/" + year
          + ".yaml（依据国务院办公厅当年节假日安排通知）");
      this.year = year;
    }

    public int year() {
      return year;
    }
  }

  private static final String DEFAULT_DIR = "config/calendar";

  private final Map<Integer, YearDays> years;
  /** Where a missing year's file belongs, for {@link CalendarGap}'s message. */
  private final String dir;

  private WorkingCalendar(Map<Integer, YearDays> years, String dir) {
    this.years = Collections.unmodifiableMap(new TreeMap<>(years));
    this.dir = dir;
  }

  /**
   * Builds a calendar in code (tests, or data from elsewhere). Each year's days must lie in that
   * year and no day may be both a holiday and a workday.
   */
  public static WorkingCalendar of(Map<Integer, YearDays> years) {
    years.forEach((year, days) -> {
      for (LocalDate d : days.holidays()) {
        if (d.getYear() != year) {
          throw new IllegalArgumentException("holiday " + d + " lies outside " + year);
        }
        if (days.workdays().contains(d)) {
          throw new IllegalArgumentException(d + " is both a holiday and a workday");
        }
      }
      for (LocalDate d : days.workdays()) {
        if (d.getYear() != year) {
          throw new IllegalArgumentException("workday " + d + " lies outside " + year);
        }
      }
    });
    return new WorkingCalendar(years, DEFAULT_DIR);
  }

  /**
   * Reads every *.yaml in {@code calendarDir}; a missing directory covers no year. The first file
   * with a problem stops loading with a {@link ConfigFileException} listing all of its problems.
   */
  public static WorkingCalendar load(Path calendarDir) {
    Map<Integer, YearDays> years = new HashMap<>();
    for (Path file : yamlFiles(calendarDir)) {
      CalendarFile calendar = BureauConfigLoader.read(file, CalendarFile.class);
      Problems p = new Problems();
      YearDays days = validate(file, calendar, p);
      if (!p.list.isEmpty()) {
        throw new ConfigFileException(file.toString(), new ArrayList<>(p.list));
      }
      years.put(calendar.year(), days);
    }
    return new WorkingCalendar(years, calendarDir.toString().replace('\\', '/'));
  }

  private static YearDays validate(Path file, CalendarFile f, Problems p) {
    String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    if (p.require("year", f.year()) && !String.valueOf(f.year()).equals(expected)) {
      p.add("year", f.year() + " does not match the file name '" + expected + "'");
    }
    p.require("source", f.source());
    if (f.holidays().isEmpty()) {
      // every notice has holidays: an empty list is a half-copied notice, not a year without any
      p.add("holidays", "no holidays listed (copy every day of each holiday period from the notice)");
    }
    Map<LocalDate, Integer> holidays = dates(p, "holidays", f.holidays(), f.year());
    Map<LocalDate, Integer> workdays = dates(p, "workdays", f.workdays(), f.year());
    for (int i = 0; i < f.workdays().size(); i++) {
      Day day = f.workdays().get(i);
      LocalDate d = parse(day);
      if (d == null || workdays.get(d) != i) {
        continue; // unreadable or a repeat: already reported
      }
      String path = at(day, "workdays[" + i + "]");
      if (holidays.containsKey(d)) {
        int h = holidays.get(d);
        p.add(path, d + " is also listed as a holiday (" + at(f.holidays().get(h), "holidays[" + h + "]")
            + "): a day is either off or worked");
      }
      DayOfWeek dow = d.getDayOfWeek();
      if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
        p.add(path, d + " is a " + dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + ": an adjusted working day (调休上班) is always a Saturday or Sunday");
      }
    }
    return new YearDays(f.source(), holidays.keySet(), workdays.keySet());
  }

  /** The well-formed dates of one list with the index of their first mention; problems for the rest. */
  private static Map<LocalDate, Integer> dates(Problems p, String key, List<Day> days, Integer year) {
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 0; i < days.size(); i++) {
      Day day = days.get(i);
      String path = at(day, key + "[" + i + "]");
      if (day == null || day.text() == null || day.text().isBlank()) {
        p.add(path, "missing date");
        continue;
      }
      LocalDate d = parse(day);
      if (d == null) {
        p.add(path, "'" + day.text() + "' is not a date like " + (year == null ? 2026 : year) + "-01-01");
        continue;
      }
      if (year != null && d.getYear() != year) {
        p.add(path, d + " lies outside the year " + year + " of this file");
      }
      Integer first = seen.putIfAbsent(d, i);
      if (first != null) {
        p.add(path, d + " is listed twice (first at " + at(days.get(first), key + "[" + first + "]") + ")");
      }
    }
    return seen;
  }

  private static LocalDate parse(Day day) {
    if (day == null || day.text() == null) {
      return null;
    }
    try {
      return LocalDate.parse(day.text().trim()); // ISO and strict: 2026-02-30 is refused
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String at(Day day, String path) {
    return day == null || day.line() < 0 ? path : "line " + day.line() + ", " + path;
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigFileException(dir.toString(), List.of("cannot be listed: " + e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- queries

  public boolean covers(int year) {
    return years.containsKey(year);
  }

  /** The covered years, in order. */
  public Set<Integer> years() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(years.keySet()));
  }

  /** The notice a year's days were copied from. */
  public String source(int year) {
    return require(year).source();
  }

  public boolean isWorkingDay(LocalDate day) {
    YearDays days = require(day.getYear());
    if (days.workdays().contains(day)) {
      return true;
    }
    if (days.holidays().contains(day)) {
      return false;
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /**
   * n &gt; 0: the n-th working day after {@code from} ({@code from} itself not counted); n &lt; 0: the
   * |n|-th working day before it; n == 0: {@code from}.
   */
  public LocalDate plusWorkingDays(LocalDate from, int n) {
    int step = n > 0 ? 1 : -1;
    long left = Math.abs((long) n);
    LocalDate day = from;
    while (left > 0) {
      day = day.plusDays(step);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return day;
  }

  /** The first working day strictly after {@code day}. */
  public LocalDate nextWorkingDay(LocalDate day) {
    return plusWorkingDays(day, 1);
  }

  /** The number of working days d with from &lt; d &lt;= to; negative when {@code to} is before {@code from}. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  private YearDays require(int year) {
    YearDays days = years.get(year);
    if (days == null) {
      throw new CalendarGap(year, dir);
    }
    return days;
  }
}
