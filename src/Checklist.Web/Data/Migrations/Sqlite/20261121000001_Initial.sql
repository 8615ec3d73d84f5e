CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEvents" (
    "Seq" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NOT NULL,
    "ActorName" TEXT NOT NULL,
    "ActorType" TEXT NOT NULL,
    "SourceAddress" TEXT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "RunId" TEXT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "CorrelationId" TEXT NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "AuditHeads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditHeads" PRIMARY KEY,
    "Seq" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "Clusters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Clusters" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Server" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CaData" TEXT NULL,
    "InsecureSkipTlsVerify" INTEGER NOT NULL,
    "ProtectedToken" TEXT NULL,
    "ProtectedKubeconfig" TEXT NULL,
    "Context" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedByName" TEXT NOT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);


CREATE TABLE "EvidenceBlobs" (
    "Sha256" TEXT NOT NULL CONSTRAINT "PK_EvidenceBlobs" PRIMARY KEY,
    "Content" BLOB NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "StoredAt" INTEGER NOT NULL
);


CREATE TABLE "Runs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Runs" PRIMARY KEY,
    "TemplateId" TEXT NOT NULL,
    "TemplateVersionHash" TEXT NOT NULL,
    "Service" TEXT NOT NULL,
    "ReleaseVersion" TEXT NOT NULL,
    "Environment" TEXT NOT NULL,
    "PlannedGoLive" INTEGER NULL,
    "OwnerId" TEXT NOT NULL,
    "OwnerName" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedByName" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RequiresFourEyesDecision" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "StartedAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "CancelledAt" INTEGER NULL,
    "CancelledById" TEXT NULL,
    "CancelReason" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "RowVersion" INTEGER NOT NULL,
    "DeployKind" TEXT NOT NULL,
    "DeployName" TEXT NULL,
    "TargetClusterId" TEXT NULL,
    "TargetHasManifests" INTEGER NOT NULL,
    "TargetNamespace" TEXT NULL,
    "TargetSelector" TEXT NULL
);


CREATE TABLE "TemplateVersions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TemplateVersions" PRIMARY KEY,
    "TemplateId" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CanonicalJson" TEXT NOT NULL,
    "RawText" TEXT NOT NULL,
    "ItemCount" INTEGER NOT NULL,
    "FirstLoadedAt" INTEGER NOT NULL
);


CREATE TABLE "WebhookEndpoints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "Events" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    "LastUsedAt" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Decisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Decisions" PRIMARY KEY,
    "Outcome" TEXT NOT NULL,
    "DeciderId" TEXT NOT NULL,
    "DeciderName" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "DecidedAt" INTEGER NOT NULL,
    "WaivedItemIds" TEXT NOT NULL,
    "Stale" INTEGER NOT NULL,
    "StaleAt" INTEGER NULL,
    "StaleReason" TEXT NULL,
    "RunbookMarkdown" TEXT NULL,
    "RunbookSha256" TEXT NULL,
    "RunbookFrozenAt" INTEGER NULL,
    "RunId" TEXT NOT NULL,
    CONSTRAINT "FK_Decisions_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ManifestBundles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ManifestBundles" PRIMARY KEY,
    "RunId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "ObjectCount" INTEGER NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedById" TEXT NOT NULL,
    "UploadedByName" TEXT NOT NULL,
    CONSTRAINT "FK_ManifestBundles_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RunDeployments" (
    "RunId" TEXT NOT NULL CONSTRAINT "PK_RunDeployments" PRIMARY KEY,
    "HelmChart" TEXT NULL,
    "HelmChartVersion" TEXT NULL,
    "HelmValuesFile" TEXT NULL,
    "GitOpsTool" TEXT NULL,
    "GitOpsNamespace" TEXT NULL,
    "BundleFile" TEXT NULL,
    CONSTRAINT "FK_RunDeployments_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RunItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RunItems" PRIMARY KEY,
    "ItemId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Section" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Guidance" TEXT NOT NULL,
    "Sources" TEXT NOT NULL,
    "Required" INTEGER NOT NULL,
    "Verification" TEXT NOT NULL,
    "ProbeId" TEXT NULL,
    "ProbeParametersJson" TEXT NULL,
    "EvidenceNeeded" TEXT NOT NULL,
    "SignoffRole" TEXT NOT NULL,
    "FourEyes" INTEGER NOT NULL,
    "RunbookSections" TEXT NOT NULL,
    "AppliesWhen" TEXT NULL,
    "State" TEXT NOT NULL,
    "StateDetail" TEXT NULL,
    "StateChangedAt" INTEGER NULL,
    "StateChangedById" TEXT NULL,
    "StateChangedByName" TEXT NULL,
    "LastVerifiedState" TEXT NULL,
    "LastVerifiedAt" INTEGER NULL,
    "LastProbeVerdict" TEXT NULL,
    "LastProbeAt" INTEGER NULL,
    "AssigneeId" TEXT NULL,
    "AssigneeName" TEXT NULL,
    "DueAt" INTEGER NULL,
    "DueAtSetByHand" INTEGER NOT NULL,
    "RowVersion" INTEGER NOT NULL,
    "NotApplicableByPerson" INTEGER NOT NULL,
    "RunId" TEXT NOT NULL,
    CONSTRAINT "FK_RunItems_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "EndpointId" TEXT NOT NULL,
    "Event" TEXT NOT NULL,
    "RunId" TEXT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "AttemptCount" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "DeliveredAt" INTEGER NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    CONSTRAINT "FK_WebhookDeliveries_WebhookEndpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "WebhookEndpoints" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Verifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Verifications" PRIMARY KEY,
    "RunId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Trigger" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "ClusterId" TEXT NULL,
    "ManifestBundleId" TEXT NULL,
    "RequestedById" TEXT NOT NULL,
    "RequestedByName" TEXT NOT NULL,
    "QueuedAt" INTEGER NOT NULL,
    "StartedAt" INTEGER NULL,
    "FinishedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "ServerAddress" TEXT NULL,
    "ServerVersion" TEXT NULL,
    "Error" TEXT NULL,
    "ReportJson" TEXT NULL,
    "ReportSha256" TEXT NULL,
    "FactsJson" TEXT NULL,
    "Passed" INTEGER NOT NULL,
    "FailedItems" INTEGER NOT NULL,
    "Errors" INTEGER NOT NULL,
    "NotApplicable" INTEGER NOT NULL,
    "Regressions" INTEGER NOT NULL,
    CONSTRAINT "FK_Verifications_Clusters_ClusterId" FOREIGN KEY ("ClusterId") REFERENCES "Clusters" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Verifications_ManifestBundles_ManifestBundleId" FOREIGN KEY ("ManifestBundleId") REFERENCES "ManifestBundles" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Verifications_Runs_RunId" FOREIGN KEY ("RunId") REFERENCES "Runs" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Evidence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Evidence" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Url" TEXT NULL,
    "Text" TEXT NULL,
    "FileName" TEXT NULL,
    "Sha256" TEXT NULL,
    "SizeBytes" INTEGER NULL,
    "ContentType" TEXT NULL,
    "StorageKey" TEXT NULL,
    "AuthorId" TEXT NOT NULL,
    "AuthorName" TEXT NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    "SupersededById" TEXT NULL,
    "SupersededByActorId" TEXT NULL,
    "SupersededAt" INTEGER NULL,
    "RunItemId" TEXT NOT NULL,
    CONSTRAINT "FK_Evidence_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ItemEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ItemEvents" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "ActorId" TEXT NOT NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "FromState" TEXT NOT NULL,
    "ToState" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "RunItemId" TEXT NOT NULL,
    CONSTRAINT "FK_ItemEvents_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Waivers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Waivers" PRIMARY KEY,
    "RequestedById" TEXT NOT NULL,
    "RequestedByName" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "Justification" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedById" TEXT NULL,
    "DecidedByName" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "DecisionComment" TEXT NULL,
    "ClosedAt" INTEGER NULL,
    "RunItemId" TEXT NOT NULL,
    CONSTRAINT "FK_Waivers_RunItems_RunItemId" FOREIGN KEY ("RunItemId") REFERENCES "RunItems" ("Id") ON DELETE CASCADE
);


CREATE TABLE "WebhookAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookAttempts" PRIMARY KEY,
    "DeliveryId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "Error" TEXT NULL,
    "DurationMs" INTEGER NOT NULL,
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


