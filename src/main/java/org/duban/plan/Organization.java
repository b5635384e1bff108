package org.duban.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The bureau, as in config/organization.yaml. */
public record Organization(
    String bureau,
    List<Leader> leaders,
    LeadingGroup leadingGroup,
    CreationOffice creationOffice,
    List<Person> administrators,
    List<Department> departments) {

  public Organization {
    leaders = leaders == null ? List.of() : leaders;
    administrators = administrators == null ? List.of() : administrators;
    departments = departments == null ? List.of() : departments;
  }

  /** {@code phone} is optional: the office line a leader's digest names for a late department's head. */
  public record Person(String id, String name, String email, String phone) {}

  public record Leader(String id, String name, String title, String email) {
    public Person asPerson() {
      return new Person(id, name, email, null);
    }
  }

  public record LeadingGroup(String head, List<String> deputies) {
    public LeadingGroup {
      deputies = deputies == null ? List.of() : deputies;
    }
  }

  public record CreationOffice(Person director, List<Person> staff) {
    public CreationOffice {
      staff = staff == null ? List.of() : staff;
    }
  }

  public record Department(
      String id, String name, String kind, String deputy, Person head, List<Person> liaisons) {
    public Department {
      liaisons = liaisons == null ? List.of() : liaisons;
    }

    /** Head first, then liaisons: the department's group. */
    public List<Person> members() {
      return Stream.concat(Stream.of(head), liaisons.stream()).toList();
    }
  }

  public Optional<Department> department(String id) {
    return departments.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** The department's Chinese name; the id itself for a department no longer in the file. */
  public String departmentName(String id) {
    return department(id).map(Department::name).orElse(id);
  }

  public Department requireDepartment(String id) {
    return department(id).orElseThrow(() -> new IllegalArgumentException("未知的部门: " + id));
  }

  /** Anyone the file names (department members, leaders, the creation office, administrators): it owns names and e-mails. */
  public Optional<Person> person(String id) {
    return Stream.of(
            departments.stream().flatMap(d -> d.members().stream()),
            leaders.stream().map(Leader::asPerson),
            Stream.of(creationOffice.director()),
            creationOffice.staff().stream(),
            administrators.stream())
        .flatMap(s -> s)
        .filter(p -> p.id().equals(id))
        .findFirst();
  }

  /** The person's name; the id itself for someone no longer in the file. */
  public String personName(String id) {
    return person(id).map(Person::name).orElse(id);
  }

  public Optional<Leader> leader(String id) {
    return leaders.stream().filter(l -> l.id().equals(id)).findFirst();
  }
}
