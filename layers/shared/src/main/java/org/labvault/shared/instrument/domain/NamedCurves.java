package org.labvault.shared.instrument.domain;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import org.labvault.shared.instrument.domain.InstrumentKey.Curve;

/** The JDK's own parameters of the curves we accept, to confirm a key is on the curve it names. */
final class NamedCurves {

  private static final Map<Curve, ECParameterSpec> SPECS = specs();

  private NamedCurves() {}

  static boolean matches(ECParameterSpec actual, Curve curve) {
    var expected = SPECS.get(curve);
    return actual.getCurve().equals(expected.getCurve())
        && actual.getGenerator().equals(expected.getGenerator())
        && actual.getOrder().equals(expected.getOrder())
        && actual.getCofactor() == expected.getCofactor();
  }

  private static Map<Curve, ECParameterSpec> specs() {
    var specs = new EnumMap<Curve, ECParameterSpec>(Curve.class);
    for (Curve curve : Curve.values()) {
      try {
        var parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve.jdkName()));
        specs.put(curve, parameters.getParameterSpec(ECParameterSpec.class));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks curve " + curve.displayName(), e);
      }
    }
    return specs;
  }
}
