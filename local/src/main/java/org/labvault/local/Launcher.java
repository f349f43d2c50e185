package org.labvault.local;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point. It is compiled for Java 8 (see the module's POM), so that an older JDK
 * still runs it and can say in one line what the stack needs, instead of failing with
 * UnsupportedClassVersionError; on Java 21 or newer it hands over to {@code LocalStackMain}.
 */
public final class Launcher {

  static final int REQUIRED_JAVA = 21;

  private Launcher() {}

  public static void main(String[] args) throws Throwable {
    String version = System.getProperty("java.specification.version");
    if (major(version) < REQUIRED_JAVA) {
      System.err.println("LabVault local stack needs Java " + REQUIRED_JAVA + " or newer; this is Java " + version
          + " (set JAVA_HOME or PATH to a JDK >= " + REQUIRED_JAVA + ")");
      System.exit(1);
    }
    try {
      // by name: a direct reference would make this class fail to load on the old JDK it reports
      Class.forName("org.labvault.local.LocalStackMain").getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** 8 for "1.8", 17 for "17". */
  static int major(String specificationVersion) {
    String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
    int dot = v.indexOf('.');
    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
  }
}
