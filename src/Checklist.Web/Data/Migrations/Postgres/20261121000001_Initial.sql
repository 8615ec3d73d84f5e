CREATE TABLE "AspNetRoles" (
    "Id" text NOT NULL,
    "Name" character varying(256),
    "NormalizedName" character varying(256),
    "ConcurrencyStamp" text,
    CONSTRAINT "PK_AspNetRoles" PRIMARY KEY ("Id")
);


CREATE TABLE "AspNetUsers" (
    "Id" text NOT NULL,
    "DisplayName" character varying(200) NOT NULL,
    "IsActive" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UserName" character varying(256),
    "NormalizedUserName" character varying(256),
    "Email" character varying(256),
    "NormalizedEmail" character varying(256),
    "EmailConfirmed" boolean NOT NULL,
    "PasswordHash" text,
    "SecurityStamp" text,
    "ConcurrencyStamp" text,
    "PhoneNumber" text,
    "PhoneNumberConfirmed" boolean NOT NULL,
    "TwoFactorEnabled" boolean NOT NULL,
    "LockoutEnd" timestamp with time zone,
    "LockoutEnabled" boolean NOT NULL,
    "AccessFailedCount" integer NOT NULL,
    CONSTRAINT "PK_AspNetUsers" PRIMARY KEY ("Id")
);


CREATE TABLE "AuditEvents" (
    "Seq" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" character varying(450) NOT NULL,
    "ActorName" character varying(256) NOT NULL,
    "ActorType" character varying(16) NOT NULL,
    "SourceAddress" character varying(64),
    "Action" character varying(100) NOT NULL,
    "EntityType" character varying(100) NOT NULL,
    "EntityId" character varying(200) NOT NULL,
    "RunId" uuid,
    "Before" text,
    "After" text,
    "CorrelationId" character varying(100) NOT NULL,
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditEvents" PRIMARY KEY ("Seq")
);


CREATE TABLE "AuditHeads" (
    "Id" integer NOT NULL,
    "Seq" bigint NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditHeads" PRIMARY KEY ("Id")
);


CREATE TABLE "Clusters" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Server" character varying(2000) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "CaData" text,
    "InsecureSkipTlsVerify" boolean NOT NULL,
    "ProtectedToken" text,
    "ProtectedKubeconfig" text,
    "Context" character varying(253),
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedById" character varying(450) NOT NULL,
    "CreatedByName" character varying(256) NOT NULL,
    CONSTRAINT "PK_Clusters" PRIMARY KEY ("Id")
);


CREATE TABLE "DataProtectionKeys" (
    "Id" uuid NOT NULL,
    "FriendlyName" character varying(200) NOT NULL,
    "Xml" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY ("Id")
);


CREATE TABLE "EvidenceBlobs" (
    "Sha256" character varying(64) NOT NULL,
    "Content" bytea NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "StoredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_EvidenceBlobs" PRIMARY KEY ("Sha256")
);


CREATE TABLE "Runs" (
    "Id" uuid NOT NULL,
    "TemplateId" character varying(200) NOT NULL,
    "TemplateVersionHash" character varying(64) NOT NULL,
    "Service" character varying(200) NOT NULL,
    "ReleaseVersion" character varying(100) NOT NULL,
    "Environment" character varying(100) NOT NULL,
    "PlannedGoLive" timestamp with time zone,
    "OwnerId" character varying(450) NOT NULL,
    "OwnerName" character varying(256) NOT NULL,
    "CreatedById" character varying(450) NOT NULL,
    "CreatedByName" character varying(256) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RequiresFourEyesDecision" boolean NOT NULL,
    "State" character varying(32) NOT NULL,
    "StartedAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancelledById" character varying(450),
    "CancelReason" text,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "RowVersion" integer NOT NULL,
    "DeployKind" character varying(32) NOT NULL,
    "DeployName" character varying(200),
    "TargetClusterId" uuid,
    "TargetHasManifests" boolean NOT NULL,
    "TargetNamespace" character varying(253),
    "TargetSelector" character varying(1000),
    CONSTRAINT "PK_Runs" PRIMARY KEY ("Id")
);


CREATE TABLE "TemplateVersions" (
    "Id" uuid NOT NULL,
    "TemplateId" text NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "Title" text NOT NULL,
    "CanonicalJson" text NOT NULL,
    "RawText" text NOT NULL,
    "ItemCount" integer NOT NULL,
    "FirstLoadedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TemplateVersions" PRIMARY KEY ("Id")
);


CREATE TABLE "WebhookEndpoints" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Url" character varying(2000) NOT NULL,
    "Secret" character varying(200) NOT NULL,
    "Events" text[] NOT NULL,
    "Active" boolean NOT NULL,
    "CreatedBy" character varying(256) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY ("Id")
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "RoleId" text NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiTokens" (
    "Id" uuid NOT NULL,
    "UserId" character varying(450) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "Prefix" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "LastUsedAt" timestamp with time zone,
    CONSTRAINT "PK_ApiTokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "UserId" text NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" text NOT NULL,
    "ProviderKey" text NOT NULL,
    "ProviderDisplayName" text,
    "UserId" text NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" text NOT NULL,
    "RoleId" text NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" text NOT NULL,
    "LoginProvider" text NOT NULL,
    "Name" text NOT NULL,
    "Value" text,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Decisions" (
    "Id" uuid NOT NULL,
    "Outcome" character varying(16) NOT NULL,
    "DeciderId" character varying(450) NOT NULL,
    "DeciderName" character varying(256) NOT NULL,
    "Comment" text,
    "DecidedAt" timestamp with time zone NOT NULL,
    "WaivedItemIds" text[] NOT NULL,
    "Stale" boolean NOT NULL,
    "StaleAt" timestamp with time zone,
    "StaleReason" text,
    "RunbookMarkdown" text,
    "RunbookSha256" character varying(64),
    "RunbookFrozenAt" timestamp with time zone,
    "RunId" uuid NOT NULL,
    CONSTRAINT "PK_Decisions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Decisions_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ManifestBundles" (
    "Id" uuid NOT NULL,
    "RunId" uuid NOT NULL,
    "FileName" character varying(100) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Content" text NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "ObjectCount" integer NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedById" character varying(450) NOT NULL,
    "UploadedByName" character varying(256) NOT NULL,
    CONSTRAINT "PK_ManifestBundles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ManifestBundles_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RunDeployments" (
    "RunId" uuid NOT NULL,
    "HelmChart" character varying(500),
    "HelmChartVersion" character varying(100),
    "HelmValuesFile" character varying(500),
    "GitOpsTool" character varying(16),
    "GitOpsNamespace" character varying(253),
    "BundleFile" character varying(500),
    CONSTRAINT "PK_RunDeployments" PRIMARY KEY ("RunId"),
    CONSTRAINT "FK_RunDeployments_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RunItems" (
    "Id" uuid NOT NULL,
    "ItemId" character varying(200) NOT NULL,
    "Position" integer NOT NULL,
    "Section" character varying(200) NOT NULL,
    "Title" character varying(500) NOT NULL,
    "Guidance" text NOT NULL,
    "Sources" text[] NOT NULL,
    "Required" boolean NOT NULL,
    "Verification" character varying(16) NOT NULL,
    "ProbeId" character varying(100),
    "ProbeParametersJson" text,
    "EvidenceNeeded" text[] NOT NULL,
    "SignoffRole" character varying(32) NOT NULL,
    "FourEyes" boolean NOT NULL,
    "RunbookSections" text[] NOT NULL,
    "AppliesWhen" character varying(500),
    "State" character varying(32) NOT NULL,
    "StateDetail" text,
    "StateChangedAt" timestamp with time zone,
    "StateChangedById" character varying(450),
    "StateChangedByName" character varying(256),
    "LastVerifiedState" character varying(32),
    "LastVerifiedAt" timestamp with time zone,
    "LastProbeVerdict" character varying(32),
    "LastProbeAt" timestamp with time zone,
    "AssigneeId" character varying(450),
    "AssigneeName" character varying(256),
    "DueAt" timestamp with time zone,
    "DueAtSetByHand" boolean NOT NULL,
    "RowVersion" integer NOT NULL,
    "NotApplicableByPerson" boolean NOT NULL,
    "RunId" uuid NOT NULL,
    CONSTRAINT "PK_RunItems" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RunItems_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "WebhookDeliveries" (
    "Id" uuid NOT NULL,
    "EndpointId" uuid NOT NULL,
    "Event" character varying(64) NOT NULL,
    "RunId" uuid,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "AttemptCount" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "LockedUntil" timestamp with time zone,
    "DeliveredAt" timestamp with time zone,
    "LastStatusCode" integer,
    "LastError" character varying(1000),
    CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WebhookDeliveries_WebhookEndpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "WebhookEndpoints" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Verifications" (
    "Id" uuid NOT NULL,
    "RunId" uuid NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Trigger" character varying(20) NOT NULL,
    "Source" character varying(20) NOT NULL,
    "Target" character varying(2000) NOT NULL,
    "ClusterId" uuid,
    "ManifestBundleId" uuid,
    "RequestedById" character varying(450) NOT NULL,
    "RequestedByName" character varying(256) NOT NULL,
    "QueuedAt" timestamp with time zone NOT NULL,
    "StartedAt" timestamp with time zone,
    "FinishedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "ServerAddress" character varying(2000),
    "ServerVersion" character varying(100),
    "Error" text,
    "ReportJson" text,
    "ReportSha256" character varying(64),
    "FactsJson" text,
    "Passed" integer NOT NULL,
    "FailedItems" integer NOT NULL,
    "Errors" integer NOT NULL,
    "NotApplicable" integer NOT NULL,
    "Regressions" integer NOT NULL,
    CONSTRAINT "PK_Verifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Verifications_Clusters_ClusterId" FOREIGN KEY ("ClusterId") REFERENCES "Clusters" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Verifications_ManifestBundles_ManifestBundleId" FOREIGN KEY ("ManifestBundleId") REFERENCES "ManifestBundles" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Verifications_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Evidence" (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Url" character varying(2000),
    "Text" text,
    "FileName" character varying(255),
    "Sha256" character varying(64),
    "SizeBytes" bigint,
    "ContentType" character varying(200),
    "StorageKey" character varying(200),
    "AuthorId" character varying(450) NOT NULL,
    "AuthorName" character varying(256) NOT NULL,
    "AddedAt" timestamp with time zone NOT NULL,
    "SupersededById" uuid,
    "SupersededByActorId" character varying(450),
    "SupersededAt" timestamp with time zone,
    "RunItemId" uuid NOT NULL,
    CONSTRAINT "PK_Evidence" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Evidence_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ItemEvents" (
    "Id" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" character varying(450) NOT NULL,
    "ActorName" character varying(256) NOT NULL,
    "Action" character varying(32) NOT NULL,
    "FromState" character varying(32) NOT NULL,
    "ToState" character varying(32) NOT NULL,
    "Detail" text,
    "RunItemId" uuid NOT NULL,
    CONSTRAINT "PK_ItemEvents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ItemEvents_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Waivers" (
    "Id" uuid NOT NULL,
    "RequestedById" character varying(450) NOT NULL,
    "RequestedByName" character varying(256) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "Justification" text NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "DecidedById" character varying(450),
    "DecidedByName" character varying(256),
    "DecidedAt" timestamp with time zone,
    "DecisionComment" text,
    "ClosedAt" timestamp with time zone,
    "RunItemId" uuid NOT NULL,
    CONSTRAINT "PK_Waivers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Waivers_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "WebhookAttempts" (
    "Id" uuid NOT NULL,
    "DeliveryId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "StatusCode" integer,
    "Error" character varying(1000),
    "DurationMs" integer NOT NULL,
    CONSTRAINT "PK_WebhookAttempts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WebhookAttempts_WebhookDeliveries_DeliveryId" FOREIGN KEY ("DeliveryId") REFERENCES "WebhookDeliveries" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");


CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEvents_Action_Seq" ON "AuditEvents" ("Action", "Seq");


CREATE INDEX "IX_AuditEvents_ActorId_Seq" ON "AuditEvents" ("ActorId", "Seq");


CREATE INDEX "IX_AuditEvents_At" ON "AuditEvents" ("At");


CREATE INDEX "IX_AuditEvents_EntityId_Seq" ON "AuditEvents" ("EntityId", "Seq");


CREATE INDEX "IX_AuditEvents_EntityType_Seq" ON "AuditEvents" ("EntityType", "Seq");


CREATE INDEX "IX_AuditEvents_RunId_Seq" ON "AuditEvents" ("RunId", "Seq");


CREATE UNIQUE INDEX "IX_Clusters_Name" ON "Clusters" ("Name");


CREATE UNIQUE INDEX "IX_DataProtectionKeys_FriendlyName" ON "DataProtectionKeys" ("FriendlyName");


CREATE INDEX "IX_Decisions_RunId_DecidedAt" ON "Decisions" ("RunId", "DecidedAt");


CREATE INDEX "IX_Evidence_RunItemId_AddedAt" ON "Evidence" ("RunItemId", "AddedAt");


CREATE INDEX "IX_ItemEvents_RunItemId_At" ON "ItemEvents" ("RunItemId", "At");


CREATE INDEX "IX_ManifestBundles_RunId_UploadedAt" ON "ManifestBundles" ("RunId", "UploadedAt");


CREATE INDEX "IX_RunItems_AssigneeId_DueAt" ON "RunItems" ("AssigneeId", "DueAt");


CREATE UNIQUE INDEX "IX_RunItems_RunId_ItemId" ON "RunItems" ("RunId", "ItemId");


CREATE INDEX "IX_Runs_CreatedAt" ON "Runs" ("CreatedAt");


CREATE INDEX "IX_Runs_OwnerId" ON "Runs" ("OwnerId");


CREATE INDEX "IX_Runs_Service_Environment" ON "Runs" ("Service", "Environment");


CREATE INDEX "IX_Runs_State_PlannedGoLive" ON "Runs" ("State", "PlannedGoLive");


CREATE UNIQUE INDEX "IX_TemplateVersions_ContentHash" ON "TemplateVersions" ("ContentHash");


CREATE INDEX "IX_TemplateVersions_TemplateId_FirstLoadedAt" ON "TemplateVersions" ("TemplateId", "FirstLoadedAt");


CREATE INDEX "IX_Verifications_ClusterId" ON "Verifications" ("ClusterId");


CREATE INDEX "IX_Verifications_ManifestBundleId" ON "Verifications" ("ManifestBundleId");


CREATE INDEX "IX_Verifications_RunId_QueuedAt" ON "Verifications" ("RunId", "QueuedAt");


CREATE INDEX "IX_Verifications_Status" ON "Verifications" ("Status");


CREATE INDEX "IX_Waivers_RunItemId_RequestedAt" ON "Waivers" ("RunItemId", "RequestedAt");


CREATE INDEX "IX_Waivers_Status_ExpiresAt" ON "Waivers" ("Status", "ExpiresAt");


CREATE INDEX "IX_WebhookAttempts_DeliveryId_Number" ON "WebhookAttempts" ("DeliveryId", "Number");


CREATE INDEX "IX_WebhookDeliveries_CreatedAt" ON "WebhookDeliveries" ("CreatedAt");


CREATE INDEX "IX_WebhookDeliveries_EndpointId" ON "WebhookDeliveries" ("EndpointId");


CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");


