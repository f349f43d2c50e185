# Build entry points.
#
# `sam build` runs `make build-<LogicalId>` for every resource whose Metadata says
# BuildMethod: makefile, in a copy of its CodeUri (the repository root), with ARTIFACTS_DIR set.
# SAM's Maven builder cannot build one module of a multi-module project; these targets can.

MVNW ?= ./mvnw
MVN  := $(MVNW) -B -q -DskipTests

.PHONY: build-SharedLayer build-OpsFunction build-GroupsFunction build-PermissionsFunction build-AssetsFunction build-UploadEventsFunction build-DeletionFunction build-FanoutFunction build-RenotifyFunction build-BackupFunction build-BackupJobsFunction build-BackupOpsFunction build-AuditOpsFunction build-AuditDigestFunction build-AuditMonitorFunction build-AlarmOpsFunction build-InstrumentsFunction build-InstrumentIngestFunction build-SampleElnFunction build-CanaryFunction local test bench clean

# The layer: the shared library and every runtime dependency, in java/lib as Lambda expects.
build-SharedLayer:
	$(MVN) -pl layers/shared package dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory="$(ARTIFACTS_DIR)/java/lib"
	cp layers/shared/target/labvault-shared.jar "$(ARTIFACTS_DIR)/java/lib/"

# A function: only its own classes (the layer carries the rest), unpacked at the root, and the
# shared layer's digest: SAM publishes a new version (and SnapStart snapshot) for the live alias
# only when a function changes, never for a change of the layer alone. Builds are reproducible, so
# the digest, and its file's fixed date, change only with the layer.
define function
	$(MVN) -pl functions/$(1) -am package
	mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && jar xf "$(CURDIR)/functions/$(1)/target/labvault-$(1)-lambda.jar"
	cat layers/shared/target/labvault-shared.jar layers/shared/pom.xml pom.xml \
	  | { sha256sum 2>/dev/null || shasum -a 256; } | cut -d' ' -f1 > "$(ARTIFACTS_DIR)/shared-layer.sha256"
	touch -t 202611230000 "$(ARTIFACTS_DIR)/shared-layer.sha256"
endef

build-OpsFunction:
	$(call function,ops)

build-GroupsFunction:
	$(call function,groups)

build-PermissionsFunction:
	$(call function,permissions)

build-AssetsFunction:
	$(call function,assets)

build-UploadEventsFunction:
	$(call function,uploadevents)

# Fan-out and renotification share one module (one jar, two handlers).
build-FanoutFunction:
	$(call function,fanout)

build-RenotifyFunction:
	$(call function,fanout)

# The backup copier, the daily jobs and the operators' routes share one module.
build-BackupFunction:
	$(call function,backup)

build-BackupJobsFunction:
	$(call function,backup)

build-BackupOpsFunction:
	$(call function,backup)

# The operators' audit routes: read the trail, verify its hash chains.
build-AuditOpsFunction:
	$(call function,audit)

# The digest writer shares the audit module (one jar, two handlers).
build-AuditDigestFunction:
	$(call function,audit)

# Security alarms: the audit monitor on the table stream and the operators' alarms route share one module.
build-AuditMonitorFunction:
	$(call function,monitor)

build-AlarmOpsFunction:
	$(call function,monitor)

build-InstrumentsFunction:
	$(call function,instruments)

# Upload requests from instruments declare assets through the same service as the HTTP route.
build-InstrumentIngestFunction:
	$(call function,assets)

build-SampleElnFunction:
	$(call function,sampleeln)

# The synthetic transaction, on the schedule: the whole client path through the public API.
build-CanaryFunction:
	$(call function,canary)

build-DeletionFunction:
	$(call function,deletion)

# The two README commands.
local:
	$(MVN) package
	"$${JAVA_HOME:+$$JAVA_HOME/bin/}java" -jar local/target/labvault-local.jar

test:
	$(MVNW) -B verify

# Benchmarks: ratios to floors measured in the same run (see the README).
bench:
	$(MVNW) -B verify -Pbench

clean:
	$(MVNW) -B -q clean
	rm -rf .aws-sam
