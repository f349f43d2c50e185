package org.labvault.local.template;

import java.util.List;

/** The template uses something the local stack cannot run, or is wrong; names every problem. */
public final class TemplateException extends RuntimeException {
  private final List<String> problems;

  public TemplateException(List<String> problems) {
    super("template.yaml cannot run locally:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public TemplateException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
