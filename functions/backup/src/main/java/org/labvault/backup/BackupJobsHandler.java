package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.labvault.backup.port.BackupReports;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;

/**
 * The daily schedules: {@code {"job":"backup"}} runs the daily backup, {@code {"job":"verify"}} its
 * verification (the schedule's constant input says which).
 */
public final class BackupJobsHandler extends SnapStartFunction implements RequestHandler<Map<String, Object>, Object> {

  /** Who the audit trail names for the scheduled runs. */
  static final String SCHEDULE = "system:backup-schedule";

  private final DailyBackup daily;
  private final BackupVerification verification;
  private final BackupReports reports;

  public BackupJobsHandler() {
    this(System.getenv());
  }

  public BackupJobsHandler(Map<String, String> environment) {
    this(DaggerBackupComponent.factory().create(Config.from(environment)));
  }

  BackupJobsHandler(BackupComponent c) {
    primedBy(c.priming());
    this.daily = c.daily();
    this.verification = c.verification();
    this.reports = c.reports();
  }

  @Override
  public Object handleRequest(Map<String, Object> input, Context context) {
    Object job = input == null ? null : input.get("job");
    String requestId = context == null ? "scheduled" : context.getAwsRequestId();
    if ("backup".equals(job)) {
      return daily.run(SCHEDULE, requestId);
    }
    if ("verify".equals(job)) {
      return verification.verify(SCHEDULE, requestId);
    }
    throw new IllegalArgumentException("unknown job " + job + ": expected {\"job\":\"backup\"} or {\"job\":\"verify\"}");
  }

  @Override
  protected void primeRequest() {
    // both jobs write (a snapshot, a drill table): the latest report is read instead
    reports.latest();
  }
}
