package org.labvault.backup.port;

import java.util.Optional;
import org.labvault.backup.domain.VerificationReport;

/** Where verification reports are kept for operators. */
public interface BackupReports {
  void save(VerificationReport report);

  /** The report of the verification that started last. */
  Optional<VerificationReport> latest();
}
