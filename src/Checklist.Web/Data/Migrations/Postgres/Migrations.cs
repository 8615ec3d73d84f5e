using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Checklist.Web.Data.Migrations.Postgres;

// One class per script in this folder, in order; the SQL is in <id>.sql.

[DbContext(typeof(PostgresChecklistDbContext)), Migration("20261121000001_Initial")]
public sealed class Initial : SqlScriptMigration;

[DbContext(typeof(PostgresChecklistDbContext)), Migration("20261121000002_AuditAppendOnly")]
public sealed class AuditAppendOnly : SqlScriptMigration;

[DbContext(typeof(PostgresChecklistDbContext)), Migration("20261121000003_QuartzJobStore")]
public sealed class QuartzJobStore : SqlScriptMigration;
