package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackModelTest {

  @TempDir Path dir;

  private StackModel model(String yaml) throws IOException {
    return model(yaml, java.util.Map.of());
  }

  private StackModel model(String yaml, java.util.Map<String, String> overrides) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return StackModel.build(Template.load(file), "eu-west-1", "111122223333", "lv", overrides);
  }

  private static final String BASE = """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Stage: {Type: String, Default: dev}
      Conditions:
        IsProd: !Equals [!Ref Stage, prod]
      Globals:
        Function:
          Runtime: java21
          Timeout: 7
          Environment:
            Variables:
              TABLE_NAME: !Ref Table
      Resources:
        Pool: {Type: AWS::Cognito::UserPool, Properties: {}}
        Client: {Type: AWS::Cognito::UserPoolClient, Properties: {UserPoolId: !Ref Pool}}
        Api:
          Type: AWS::Serverless::HttpApi
          Properties:
            Auth:
              DefaultAuthorizer: Jwt
              Authorizers:
                Jwt:
                  JwtConfiguration:
                    issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}
                    audience: [!Ref Client]
        Table:
          Type: AWS::DynamoDB::Table
          Properties:
            KeySchema: [{AttributeName: pk, KeyType: HASH}]
            AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
            BillingMode: PAY_PER_REQUEST
        Bucket: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Handler::handleRequest
            CodeUri: .
            Timeout: 9
            Environment:
              Variables:
                BUCKET: !Ref Bucket
                BUCKET_ARN: !GetAtt Bucket.Arn
                MODE: !If [IsProd, strict, relaxed]
                JOINED: !Join [":", [a, !Ref Stage]]
                ESCAPED: !Sub "${!Literal}-${AWS::AccountId}"
            Events:
              Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: "/things/{id}", Method: get}}
              Open: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /open, Method: GET, Auth: {Authorizer: NONE}}}
      """;

  @Test
  void build_shouldResolveTheFunctionAsDeclared() throws IOException {
    var fn = model(BASE).functions().get("Fn");
    assertThat(fn.handlerClass()).isEqualTo("com.example.Handler");
    assertThat(fn.timeoutSeconds()).isEqualTo(9);
    assertThat(fn.environment())
        .containsEntry("TABLE_NAME", "lv-Table")
        .containsEntry("BUCKET", "lv-bucket")
        .containsEntry("BUCKET_ARN", "arn:aws:s3:::lv-bucket")
        .containsEntry("MODE", "relaxed")
        .containsEntry("JOINED", "a:dev")
        .containsEntry("ESCAPED", "${Literal}-111122223333");
  }

  @Test
  void build_shouldPutTheTemplateUserPoolBehindTheAuthorizer() throws IOException {
    var m = model(BASE);
    var routes = m.routes();
    var get = routes.stream().filter(r -> r.path().equals("/things/{id}")).findFirst().orElseThrow();
    var open = routes.stream().filter(r -> r.path().equals("/open")).findFirst().orElseThrow();
    assertThat(get.routeKey()).isEqualTo("GET /things/{id}");
    assertThat(m.authorizerOf(get).userPoolLogicalId()).isEqualTo("Pool");
    assertThat(m.authorizerOf(get).audiences()).containsExactly(StackModel.LOCAL_CLIENT_ID);
    assertThat(m.authorizerOf(open)).isNull();
  }

  @Test
  void build_shouldNameAnUnsupportedResourceType() {
    assertThatThrownBy(() -> model(BASE + """
          Stream: {Type: AWS::Kinesis::Stream, Properties: {}}
        """))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Stream: resource type AWS::Kinesis::Stream is not supported by the local stack");
  }

  @Test
  void build_shouldNameAnUnsupportedEventSourceAndProperty() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Other:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Other
              FunctionUrlConfig: {AuthType: NONE}
              Events:
                Tick: {Type: Kinesis, Properties: {Stream: arn:aws:kinesis:eu-west-1:111122223333:stream/s, StartingPosition: LATEST}}
        """));
    assertThat(e.problems()).contains(
        "Other: property FunctionUrlConfig is not supported by the local stack",
        "Other.Events.Tick: event type Kinesis is not supported by the local stack");
  }

  @Test
  void build_shouldTypeEachEventOfAFunctionInTemplateOrder() throws IOException {
    var events = model(BASE).functions().get("Fn").events();
    assertThat(events).containsExactly(
        new EventSource.HttpRoute("Fn", "Get", "Api", "GET", "/things/{id}", null, java.util.List.of()),
        new EventSource.HttpRoute("Fn", "Open", "Api", "GET", "/open", "NONE", java.util.List.of()));
  }

  @Test
  void build_shouldReadButRefuseEveryEventSourceKindNotRunYet() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Consumer:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Consumer
              Events:
                Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST, BatchSize: 10}}
                Jobs: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:111122223333:jobs, BatchSize: 5}}
                Deleted: {Type: SNS, Properties: {Topic: arn:aws:sns:eu-west-1:111122223333:t, FilterPolicy: {kind: [deleted]}}}
                Reading: {Type: IoTRule, Properties: {Sql: "SELECT * FROM 'lab/+/readings'", AwsIotSqlVersion: "2016-03-23"}}
                Daily: {Type: Schedule, Properties: {Schedule: rate(1 day), Enabled: true}}
                Typo: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:111122223333:jobs, BatchSise: 5}}
        """));
    assertThat(e.problems()).contains(
        "Consumer.Events.Jobs.Queue must be the Arn of a queue of this template (!GetAtt Queue.Arn)",
        "Consumer.Events.Deleted.Topic must be a topic of this template (!Ref Topic)",
        "Consumer.Events.Typo: property BatchSise is not supported by the local stack");
    assertThat(e.problems()).noneMatch(p -> p.startsWith("Consumer.Events.Daily"))
        .noneMatch(p -> p.startsWith("Consumer.Events.Reading"))
        .noneMatch(p -> p.startsWith("Consumer.Events.Changes: event type"));
  }

  private static final String STREAM_TABLE = BASE.replace(
      "      BillingMode: PAY_PER_REQUEST\n",
      "      BillingMode: PAY_PER_REQUEST\n      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}\n");

  @Test
  void build_shouldReadAStreamMappingOnATemplateTableAsTheDeletionFanoutDeclaresIt() throws IOException {
    // given
    var m = model(STREAM_TABLE + """
          Fanout:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Fanout
              Events:
                Changes:
                  Type: DynamoDB
                  Properties:
                    Stream: !GetAtt Table.StreamArn
                    StartingPosition: TRIM_HORIZON
                    BatchSize: 100
                    MaximumRetryAttempts: 10
                    BisectBatchOnFunctionError: true
                    FunctionResponseTypes: [ReportBatchItemFailures]
                    DestinationConfig: {OnFailure: {Destination: arn:aws:sqs:eu-west-1:111122223333:fanout-failures}}
        """);

    // then
    var mapping = m.streamMappings().getFirst();
    assertThat(mapping.batchSize()).isEqualTo(100);
    assertThat(mapping.maximumRetryAttempts()).isEqualTo(10);
    assertThat(mapping.bisectBatchOnFunctionError()).isTrue();
    assertThat(mapping.functionResponseTypes()).containsExactly("ReportBatchItemFailures");
    assertThat(mapping.onFailureDestination()).isEqualTo("arn:aws:sqs:eu-west-1:111122223333:fanout-failures");
    assertThat(m.streamTable(mapping).logicalId()).isEqualTo("Table");
  }

  @Test
  void build_shouldRefuseAStreamMappingOnATableWithoutAStreamOrOutsideTheTemplate() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Fanout:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Fanout
              Events:
                NoStream: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST}}
                Elsewhere: {Type: DynamoDB, Properties: {Stream: "arn:aws:dynamodb:eu-west-1:1:table/x/stream/1", StartingPosition: LATEST}}
                AtTime: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: AT_TIMESTAMP}}
                Huge: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST, BatchSize: 20000, MaximumRetryAttempts: -2}}
                Filtered: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST, FilterCriteria: {Filters: [{Pattern: '{"dynamodb":{"SizeBytes":[{"numeric":[">",0]}]}}'}]}}}
        """));
    assertThat(e.problems()).contains(
        "Fanout.Events.Huge.BatchSize must be between 1 and 10000, not 20000",
        "Fanout.Events.Huge.MaximumRetryAttempts must be between -1 and 10000, not -2",
        "Fanout.Events.Filtered.FilterCriteria: at /dynamodb/SizeBytes: the filter operator numeric (as written) is not applied by the local stack");
    assertThat(e.problems()).contains(
        "Fanout.Events.NoStream.Stream: Table has no StreamSpecification.StreamViewType",
        "Fanout.Events.Elsewhere.Stream must be !GetAtt <Table>.StreamArn of a table of this template",
        "Fanout.Events.AtTime.StartingPosition must be TRIM_HORIZON or LATEST, not AT_TIMESTAMP");
  }

  @Test
  void build_shouldReadEventInvokeConfigIntoTheFunction() throws IOException {
    var m = model(BASE + """
          Async:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Async
              EventInvokeConfig:
                MaximumRetryAttempts: 1
                MaximumEventAgeInSeconds: 600
                DestinationConfig: {OnFailure: {Type: SQS, Destination: arn:aws:sqs:eu-west-1:111122223333:failed}}
        """);
    assertThat(m.functions().get("Async").async())
        .isEqualTo(new Model.AsyncConfig(1, 600, "arn:aws:sqs:eu-west-1:111122223333:failed"));
    assertThat(m.functions().get("Fn").async()).isEqualTo(Model.AsyncConfig.LAMBDA_DEFAULT);
  }

  @Test
  void build_shouldRefuseEventInvokeConfigLambdaWouldRefuse() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Async:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Async
              EventInvokeConfig:
                MaximumRetryAttempts: 3
                DestinationConfig: {OnFailure: {Type: SNS, Destination: arn:aws:sqs:eu-west-1:111122223333:failed}}
        """));
    assertThat(e.problems()).contains(
        "Async.EventInvokeConfig.MaximumRetryAttempts must be 0, 1 or 2, not 3",
        "Async.EventInvokeConfig.DestinationConfig.OnFailure: Type SNS does not match arn:aws:sqs:eu-west-1:111122223333:failed");
  }

  @Test
  void build_shouldReadSchedulesAndNameAnInvalidExpressionWithItsFunctionAndEvent() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Renotify:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Renotify
              Events:
                Minutely: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
                Paused: {Type: ScheduleV2, Properties: {ScheduleExpression: "cron(0 3 * * ? *)", State: DISABLED}}
                Plural: {Type: Schedule, Properties: {Schedule: rate(1 minutes)}}
                BothDays: {Type: Schedule, Properties: {Schedule: "cron(0 3 * * * *)"}}
        """));
    assertThat(e.problems()).anyMatch(p -> p.startsWith("Renotify.Events.Plural: schedule expression rate(1 minutes)"))
        .anyMatch(p -> p.startsWith("Renotify.Events.BothDays: schedule expression cron(0 3 * * * *)"))
        .noneMatch(p -> p.startsWith("Renotify.Events.Minutely") || p.startsWith("Renotify.Events.Paused"));
  }

  @Test
  void build_shouldNoteADisabledScheduleAndKeepItUnfired() throws IOException {
    var m = model(BASE + """
          Renotify:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Renotify
              Events:
                Paused: {Type: Schedule, Properties: {Schedule: rate(5 minutes), Enabled: false, Input: '{"x":1}'}}
        """);
    assertThat(m.schedules()).containsExactly(
        new EventSource.Schedule("Renotify", "Paused", "rate(5 minutes)", "{\"x\":1}", false));
    assertThat(m.notes()).contains("Renotify.Events.Paused: the schedule is disabled in the template and is not fired");
  }

  @Test
  void build_shouldResolveParameterOverridesWhereverTheDefaultWouldGo() throws IOException {
    // given a bucket named after the stage
    String yaml = BASE.replace("Bucket: {Type: AWS::S3::Bucket, Properties: {",
        "Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub \"lab-${Stage}-data\", ");

    // when
    var m = model(yaml, java.util.Map.of("Stage", "prod"));

    // then
    assertThat(m.buckets().get("Bucket").bucketName()).isEqualTo("lab-prod-data");
    assertThat(m.functions().get("Fn").environment())
        .containsEntry("BUCKET", "lab-prod-data")
        .containsEntry("JOINED", "a:prod")
        .containsEntry("MODE", "strict");
    assertThat(model(yaml).functions().get("Fn").environment()).containsEntry("BUCKET", "lab-dev-data");
  }

  @Test
  void build_shouldRefuseAnOverrideOfAnUnknownParameterOrADisallowedValue() {
    assertThatThrownBy(() -> model(BASE, java.util.Map.of("Stag", "prod")))
        .hasMessageContaining("--parameter-overrides: Stag is not a parameter of the template");
    assertThatThrownBy(() -> model(BASE.replace("Default: dev}", "Default: dev, AllowedValues: [dev, prod]}"),
            java.util.Map.of("Stage", "qa")))
        .hasMessageContaining("--parameter-overrides: Stage must be one of [dev, prod], not qa");
  }

  @Test
  void build_shouldNameAnUnsupportedIntrinsicFunction() {
    assertThatThrownBy(() -> model(BASE.replace("!Join [\":\", [a, !Ref Stage]]", "!ImportValue shared-thing")))
        .hasMessageContaining("Fn::ImportValue is not supported by the local stack");
  }

  @Test
  void build_shouldRefuseAnIssuerItCannotStandIn() {
    assertThatThrownBy(() -> model(BASE.replace(
            "!Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}", "https://login.example.com")))
        .hasMessageContaining("issuer https://login.example.com is not a user pool of this template");
  }

  @Test
  void build_shouldRefuseARouteDeclaredTwice() {
    assertThatThrownBy(() -> model(BASE + """
          Twin:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Twin
              Events:
                Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /open, Method: GET}}
        """))
        .hasMessageContaining("route declared twice");
  }

  @Test
  void build_shouldUnderstandTheEncryptionBucketPolicyAndRefuseOthers() throws IOException {
    String policy = """
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: s3:PutObject
                    Resource: !Sub ${Bucket.Arn}/*
                    Condition: {StringNotEquals: {s3:x-amz-server-side-encryption: AES256}}
        """;
    assertThat(model(BASE + policy).buckets().get("Bucket").sseRule()).isEqualTo(Model.SseRule.AES256_REQUIRED);
    assertThat(model(BASE + policy.replace("StringNotEquals", "StringNotEqualsIfExists")).buckets().get("Bucket").sseRule())
        .isEqualTo(Model.SseRule.AES256_IF_GIVEN);
    assertThat(model(BASE).buckets().get("Bucket").sseRule()).isEqualTo(Model.SseRule.NONE);
    assertThatThrownBy(() -> model(BASE + policy.replace("s3:PutObject", "s3:GetObject")))
        .hasMessageContaining("is not understood by the local stack");
  }

  @Test
  void build_shouldReadEachBucketsPublicAccessBlockAndOwnershipAndNoteWhatIsEnforced() throws IOException {
    String bucket = "Bucket: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}";
    String declared = "Bucket: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}, "
        + "PublicAccessBlockConfiguration: {BlockPublicAcls: true, IgnorePublicAcls: false}, "
        + "OwnershipControls: {Rules: [{ObjectOwnership: ObjectWriter}]}}}";
    // given neither property: what S3 gives every new bucket
    StackModel plain = model(BASE);
    assertThat(plain.buckets().get("Bucket").access()).isEqualTo(new Model.BucketAccess(true, true, true, true, true));
    assertThat(plain.buckets().get("Bucket").access().anonymousRefused()).isTrue();
    assertThat(plain.notes()).anyMatch(n -> n.startsWith("Bucket: the local S3 server enforces ObjectOwnership BucketOwnerEnforced")
        && n.contains("BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets")
        && n.contains("unsigned requests are refused"));
    // given flags left out of a declared block: false, as CloudFormation has it
    StackModel open = model(BASE.replace(bucket, declared));
    assertThat(open.buckets().get("Bucket").access()).isEqualTo(new Model.BucketAccess(true, false, false, false, false));
    assertThat(open.buckets().get("Bucket").access().anonymousRefused()).isFalse();
    assertThat(open.notes()).anyMatch(n -> n.startsWith("Bucket: the local S3 server enforces ACLs enabled; public access block BlockPublicAcls;"));
    // an ownership the local server does not know, or a flag that is no boolean, is an error
    assertThatThrownBy(() -> model(BASE.replace(bucket, declared.replace("ObjectWriter", "Nobody"))))
        .hasMessageContaining("Bucket.OwnershipControls must hold one rule");
    assertThatThrownBy(() -> model(BASE.replace(bucket, declared.replace("IgnorePublicAcls: false", "IgnorePublicAcls: maybe"))))
        .hasMessageContaining("Bucket.PublicAccessBlockConfiguration.IgnorePublicAcls must be true or false");
  }

  @Test
  void build_shouldReadS3ObjectCreatedEventsWithTheirKeyFilter() throws IOException {
    String fn = """
          OnUpload:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Uploads::handleRequest
              CodeUri: .
              Events:
                Landed:
                  Type: S3
                  Properties:
                    Bucket: !Ref Bucket
                    Events: s3:ObjectCreated:*
                    Filter: {S3Key: {Rules: [{Name: prefix, Value: in/}, {Name: suffix, Value: .csv}]}}
        """;
    var n = model(BASE + fn).notifications();
    assertThat(n).containsExactly(
        new EventSource.S3Notification("OnUpload", "Landed", "Bucket", List.of("s3:ObjectCreated:*"), "in/", ".csv"));
    assertThat(model(BASE + fn).functions().get("OnUpload").events()).containsExactlyElementsOf(n);
    assertThat(n.getFirst().matches("ObjectCreated:Put", "in/a.csv")).isTrue();
    assertThat(n.getFirst().matches("ObjectCreated:Copy", "in/a.csv")).isTrue();
    assertThat(n.getFirst().matches("ObjectCreated:Put", "out/a.csv")).isFalse();
    assertThat(n.getFirst().matches("ObjectCreated:Put", "in/a.txt")).isFalse();
    // a named type asks for that type only: a server-side copy is not an upload
    var puts = model(BASE + fn.replace("s3:ObjectCreated:*", "[s3:ObjectCreated:Put]")).notifications().getFirst();
    assertThat(puts.matches("ObjectCreated:Put", "in/a.csv")).isTrue();
    assertThat(puts.matches("ObjectCreated:Copy", "in/a.csv")).isFalse();
    assertThat(puts.matches("ObjectCreated:CompleteMultipartUpload", "in/a.csv")).isFalse();
    assertThatThrownBy(() -> model(BASE + fn.replace("s3:ObjectCreated:*", "s3:ObjectRemoved:*")))
        .hasMessageContaining("is not delivered by the local stack");
    assertThatThrownBy(() -> model(BASE + fn.replace("!Ref Bucket", "!Ref Nowhere")))
        .hasMessageContaining("Bucket must be a !Ref to a bucket of this template");
  }

  @Test
  void build_shouldSkipResourcesWhoseConditionIsFalse() throws IOException {
    var m = model(BASE + """
          ProdOnly:
            Type: AWS::SQS::Queue
            Condition: IsProd
            Properties: {}
        """);
    assertThat(m.tables()).containsKey("Table");
  }

  private static final String WITH_SECRET = BASE + """
        Key:
          Type: AWS::SecretsManager::Secret
          Properties:
            GenerateSecretString: {PasswordLength: 48, ExcludePunctuation: true}
        Other:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Other::handleRequest
            CodeUri: .
            Environment:
              Variables:
                KEY: !Sub "{{resolve:secretsmanager:${Key}:SecretString}}"
                BY_NAME: "{{resolve:secretsmanager:lv-Key}}"
                ARN: !Ref Key
      """;

  @Test
  void build_shouldResolveASecretsManagerReference_toTheValueTheStoreKeeps() throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, WITH_SECRET);
    java.util.List<Model.Secret> asked = new java.util.ArrayList<>();
    var m = StackModel.build(Template.load(file), "eu-west-1", "111122223333", "lv", java.util.Map.of(), secret -> {
      asked.add(secret);
      return "kept-value";
    });
    assertThat(m.functions().get("Other").environment())
        .containsEntry("KEY", "kept-value")
        .containsEntry("BY_NAME", "kept-value")
        .containsEntry("ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:lv-Key");
    assertThat(asked).hasSize(1); // one value per secret, however often it is referenced
    assertThat(asked.get(0).length()).isEqualTo(48);
    assertThat(asked.get(0).alphabet()).matches("[A-Za-z0-9]+");
  }

  @Test
  void build_shouldGenerateSecretValuesAsGenerateSecretStringSays() throws IOException {
    var value = model(WITH_SECRET).functions().get("Other").environment().get("KEY");
    assertThat(value).hasSize(48).matches("[A-Za-z0-9]+");
  }

  @Test
  void build_shouldRefuseDynamicReferencesAndSecretsItCannotServe() {
    for (var bad : java.util.Map.of(
        "ssm", "X: \"{{resolve:ssm:/labvault/key}}\"",
        "SecretString", "X: \"{{resolve:secretsmanager:lv-Key:SecretString:password}}\"",
        "names no secret", "X: \"{{resolve:secretsmanager:lv-Missing}}\"").entrySet()) {
      assertThatThrownBy(() -> model(WITH_SECRET.replace("ARN: !Ref Key", bad.getValue())))
          .as(bad.getKey()).isInstanceOf(TemplateException.class).hasMessageContaining(bad.getKey());
    }
    assertThatThrownBy(() -> model(WITH_SECRET.replace("GenerateSecretString: {PasswordLength: 48, ExcludePunctuation: true}",
        "SecretString: hunter2")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Key: property SecretString is not supported by the local stack");
    assertThatThrownBy(() -> model(WITH_SECRET.replace("ExcludePunctuation: true", "SecretStringTemplate: '{}'")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("SecretStringTemplate");
  }

  @Test
  void merge_shouldFollowSamGlobalsRules() {
    var merged = StackModel.merge(
        java.util.Map.of("Timeout", 3, "Layers", java.util.List.of("a"), "Environment",
            java.util.Map.of("Variables", java.util.Map.of("A", "1", "B", "1"))),
        java.util.Map.of("Timeout", 9, "Layers", java.util.List.of("b"), "Environment",
            java.util.Map.of("Variables", java.util.Map.of("B", "2"))));
    assertThat(merged).containsEntry("Timeout", 9).containsEntry("Layers", java.util.List.of("a", "b"));
    assertThat(merged.get("Environment")).isEqualTo(java.util.Map.of("Variables", java.util.Map.of("A", "1", "B", "2")));
  }

  @Test
  void load_shouldRefuseDuplicateKeys() {
    assertThatThrownBy(() -> model("Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n"))
        .isInstanceOf(TemplateException.class);
  }

  private static final String MESSAGING = BASE + """
        Topic:
          Type: AWS::SNS::Topic
          Properties: {KmsMasterKeyId: alias/aws/sns}
        Named: {Type: AWS::SNS::Topic, Properties: {TopicName: named-topic}}
        Dlq: {Type: AWS::SQS::Queue, Properties: {MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true}}
        Queue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: !Sub "${AWS::StackName}-notices"
            VisibilityTimeout: 30
            RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}
        QueuePolicy:
          Type: AWS::SQS::QueuePolicy
          Properties:
            Queues: [!Ref Queue]
            PolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage,
              Resource: !GetAtt Queue.Arn, Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}}]}
        Subscription:
          Type: AWS::SNS::Subscription
          Properties:
            Protocol: sqs
            Endpoint: !GetAtt Queue.Arn
            TopicArn: !Ref Topic
            FilterPolicy: {appId: [sample-eln]}
            FilterPolicyScope: MessageAttributes
            RawMessageDelivery: true
        Consumer:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Consumer
            Environment:
              Variables:
                QUEUE_URL: !Ref Queue
                QUEUE_NAME: !GetAtt Queue.QueueName
                DLQ_URL: !GetAtt Dlq.QueueUrl
                TOPIC_ARN: !Ref Topic
                TOPIC_NAME: !GetAtt Named.TopicName
            Events:
              Notices:
                Type: SQS
                Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures]}
      """;

  @Test
  void build_shouldReadQueuesTopicsSubscriptionsAndTheSqsEventSource() throws IOException {
    var m = model(MESSAGING);

    var queue = m.queues().get("Queue");
    assertThat(queue.queueName()).isEqualTo("lv-notices");
    assertThat(queue.url()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/111122223333/lv-notices");
    assertThat(queue.arn()).isEqualTo("arn:aws:sqs:eu-west-1:111122223333:lv-notices");
    var dlq = m.queues().get("Dlq");
    assertThat(dlq.queueName()).matches("lv-Dlq-[A-Z0-9]{13}");
    assertThat(model(MESSAGING).queues().get("Dlq").queueName()).as("the same name at every start").isEqualTo(dlq.queueName());
    assertThat(queue.attributes()).containsEntry("VisibilityTimeout", "30")
        .containsEntry("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"5\"}");
    assertThat(queue.deadLetterQueueArn()).isEqualTo(dlq.arn());

    var topic = m.topics().get("Topic");
    assertThat(topic.arn()).matches("arn:aws:sns:eu-west-1:111122223333:lv-Topic-[A-Z0-9]{13}");
    assertThat(m.topics().get("Named").arn()).isEqualTo("arn:aws:sns:eu-west-1:111122223333:named-topic");
    var subscription = m.subscriptions().get("Subscription");
    assertThat(subscription.topicArn()).isEqualTo(topic.arn());
    assertThat(subscription.endpoint()).isEqualTo(queue.arn());
    assertThat(subscription.attributes()).containsEntry("FilterPolicy", "{\"appId\":[\"sample-eln\"]}")
        .containsEntry("RawMessageDelivery", "true").containsEntry("FilterPolicyScope", "MessageAttributes");

    assertThat(m.functions().get("Consumer").environment())
        .containsEntry("QUEUE_URL", queue.url()).containsEntry("QUEUE_NAME", "lv-notices")
        .containsEntry("DLQ_URL", dlq.url()).containsEntry("TOPIC_ARN", topic.arn()).containsEntry("TOPIC_NAME", "named-topic");
    assertThat(m.sqsMappings()).singleElement().satisfies(s -> {
      assertThat(s.queueArn()).isEqualTo(queue.arn());
      assertThat(s.batchSize()).isEqualTo(5);
      assertThat(s.functionResponseTypes()).containsExactly("ReportBatchItemFailures");
    });
    assertThat(m.physicalNames()).containsEntry("Queue", queue.url()).containsEntry("Topic", topic.arn());
    assertThat(m.notes()).anyMatch(n -> n.startsWith("QueuePolicy:")).anyMatch(n -> n.startsWith("Topic: KmsMasterKeyId"))
        .anyMatch(n -> n.startsWith("Dlq: encryption at rest"));
  }

  @Test
  void build_shouldRefuseMessagingItCannotRunLocally() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(MESSAGING
        .replace("Protocol: sqs", "Protocol: email")
        .replace("BatchSize: 5,", "BatchSize: 50,")
        + """
          BadPolicy:
            Type: AWS::SNS::Subscription
            Properties: {Protocol: sqs, Endpoint: !GetAtt Dlq.Arn, TopicArn: !Ref Topic, FilterPolicy: {appId: []}}
          Fifo: {Type: AWS::SQS::Queue, Properties: {FifoQueue: true}}
        """));
    assertThat(e.problems()).contains(
        "Subscription: protocol email is not delivered locally (only sqs)",
        "Consumer.Events.Notices: a BatchSize above 10 needs MaximumBatchingWindowInSeconds of 1 or more",
        "Fifo: property FifoQueue is not supported by the local stack");
    assertThat(e.problems()).anyMatch(p -> p.startsWith("BadPolicy.FilterPolicy: Empty arrays are not allowed"));
  }

  @Test
  void build_shouldLeaveATrailAndItsBucketToAws_andNameThemAsAwsSide() throws IOException {
    var m = model(BASE + """
          Logs:
            Type: AWS::S3::Bucket
          LogsPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Logs
              PolicyDocument:
                Statement:
                  - {Sid: TrailWrites, Effect: Allow, Principal: {Service: cloudtrail.amazonaws.com}, Action: s3:PutObject, Resource: "*"}
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: {S3BucketName: !Ref Logs, IsLogging: true, EnableLogFileValidation: true}
        """);
    // the service statement would be an error on a local bucket: the policy is not applied; the
    // bucket is made, empty, as every bucket of the template is
    assertThat(m.buckets()).containsKey("Logs");
    assertThat(m.physicalNames()).containsKey("Logs").doesNotContainKeys("LogsPolicy", "Trail");
    assertThat(m.awsSide()).containsEntry("Trail", "AWS::CloudTrail::Trail")
        .containsEntry("LogsPolicy", "AWS::S3::BucketPolicy").doesNotContainKey("Logs");
    assertThat(m.notes()).anyMatch(n -> n.startsWith("Trail: the CloudTrail trail"));
  }

  // ---- AutoPublishAlias and SnapStart

  /** A caller declared before the function it names, as SAM lets a template name the alias. */
  private static final String ALIASED = """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: java21
          SnapStart: {ApplyOn: PublishedVersions}
          AutoPublishAlias: live
      Resources:
        Caller:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Caller::handleRequest
            AutoPublishAliasAllProperties: true
            Environment:
              Variables:
                BY_PROPERTY: !Ref Worker.Alias
                BY_ID: !Ref WorkerAliaslive
                BY_SUB: !Sub "${Worker.Alias}"
                BY_ATTRIBUTE: !GetAtt WorkerAliaslive.AliasArn
                BY_SAM_ATTRIBUTE: !GetAtt Worker.Alias.AliasArn
                UNQUALIFIED: !GetAtt Worker.Arn
                NAME: !Ref Worker
        Worker:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Worker::handleRequest
      """;

  @Test
  void build_shouldResolveEveryReferenceToTheAlias_toTheAliasArn() throws IOException {
    var m = model(ALIASED);
    var env = m.functions().get("Caller").environment();
    String alias = "arn:aws:lambda:eu-west-1:111122223333:function:lv-Worker:live";
    assertThat(env).containsEntry("BY_PROPERTY", alias).containsEntry("BY_ID", alias).containsEntry("BY_SUB", alias)
        .containsEntry("BY_ATTRIBUTE", alias).containsEntry("BY_SAM_ATTRIBUTE", alias)
        .containsEntry("UNQUALIFIED", "arn:aws:lambda:eu-west-1:111122223333:function:lv-Worker")
        .containsEntry("NAME", "lv-Worker");
    var worker = m.functions().get("Worker");
    assertThat(worker.alias()).isEqualTo("live");
    assertThat(worker.snapStart()).isTrue();
    assertThat(worker.invokedArn("eu-west-1", "111122223333")).isEqualTo(alias);
    assertThat(worker.initializationType()).isEqualTo("snap-start");
    // the generated alias is no resource of the stack's own: stack.json does not list it
    assertThat(m.physicalNames()).doesNotContainKey("WorkerAliaslive");
  }

  @Test
  void functionFor_shouldTakeTheAliasAsTheFunction_andNoVersion() throws IOException {
    var m = model(ALIASED);
    var worker = m.functions().get("Worker");
    for (String target : List.of("Worker", "WorkerAliaslive", "lv-Worker", "lv-Worker:live", "lv-Worker:$LATEST",
        "arn:aws:lambda:eu-west-1:111122223333:function:lv-Worker",
        "arn:aws:lambda:eu-west-1:111122223333:function:lv-Worker:live")) {
      assertThat(m.functionFor(target)).as(target).isEqualTo(worker);
    }
    for (String target : List.of("lv-Worker:1", "lv-Worker:prod", "WorkerAliasprod", "Nobody",
        "arn:aws:lambda:us-east-1:111122223333:function:lv-Worker:live")) {
      assertThat(m.functionFor(target)).as(target).isNull();
    }
  }

  @Test
  void build_shouldRefuseTheAliasOfAFunctionThatPublishesNone_andVersions() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class, () -> model(BASE + """
          Caller:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Caller
              Environment:
                Variables:
                  ALIAS: !Ref Fn.Alias
          Versioned:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Versioned
              Environment:
                Variables:
                  VERSION: !Ref Fn.Version
          Snappy:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Snappy
              SnapStart: {ApplyOn: Always}
        """));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Fn has no AutoPublishAlias, so no alias to name"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Ref Fn.Version is not supported locally"));
    assertThat(e.problems()).contains("Snappy.SnapStart.ApplyOn must be PublishedVersions or None, not Always");
  }

  @Test
  void build_shouldRefuseAnAliasNameLambdaRefuses() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(TemplateException.class,
        () -> model(ALIASED.replace("AutoPublishAlias: live", "AutoPublishAlias: \"7\"")));
    assertThat(e.problems()).contains("Caller.AutoPublishAlias 7 is not an alias name Lambda accepts");
  }

  @Test
  void aFunctionWithoutAliasOrSnapStart_startsOnDemand() throws IOException {
    var fn = model(BASE).functions().get("Fn");
    assertThat(fn.alias()).isNull();
    assertThat(fn.snapStart()).isFalse();
    assertThat(fn.invokedArn("eu-west-1", "111122223333")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:lv-Fn");
    assertThat(org.labvault.local.lambda.LambdaEnvironment.of(fn, "eu-west-1", "AKID", "s", java.util.Map.of()))
        .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  }
}
