using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

public class TemplateLoaderTests
{
    private const string Valid = """
        title: Valid
        description: A template using every field.
        items:
          - id: backups
            section: Storage
            title: Backups are scheduled
            guidance: |
              Schedule backups.
            sources: [production-grade#backups, best-practices#storage-and-backup]
            required: true
            probe: backup-schedule
            appliesWhen: [hasStatefulSets, hasPersistentVolumeClaims]
            runbook: [backup, restore]
          - id: replicas
            section: Availability
            title: Replicas
            guidance: Two or more.
            sources: [production-grade#amount-of-replicas]
            required: false
            probe: replicas-min
            parameters:
              min: 3
          - id: restore-drill
            section: Storage
            title: Restore rehearsed
            guidance: Restore once.
            sources: [production-grade#backups]
            required: true
            manual:
              evidence: [file, note]
              signoff: release-manager
              fourEyes: true
        """;

    [Fact]
    public void Load_ValidTemplate_ReadsEveryField()
    {
        var catalog = TemplateLoader.Load([new TemplateSource("checklists/valid.yaml", Valid)]);

        Assert.Empty(catalog.Errors);
        var template = Assert.Single(catalog.Templates).Template;
        Assert.Equal("valid", template.Id);
        Assert.Equal("Valid", template.Title);
        Assert.Null(template.Extends);
        Assert.Equal(["backups", "replicas", "restore-drill"], template.Items.Select(i => i.Id));

        var backups = template.Items[0];
        Assert.Equal("Storage", backups.Section);
        Assert.Equal("Schedule backups.\n", backups.Guidance);
        Assert.Equal(["production-grade#backups", "best-practices#storage-and-backup"], backups.Sources);
        Assert.True(backups.Required);
        Assert.Equal("backup-schedule", backups.Probe!.ProbeId);
        Assert.Equal([AppliesWhenCondition.HasStatefulSets, AppliesWhenCondition.HasPersistentVolumeClaims], backups.AppliesWhen);
        Assert.Equal([RunbookSection.Backup, RunbookSection.Restore], backups.Runbook);

        Assert.False(template.Items[1].Required);
        Assert.Equal(3, template.Items[1].Probe!.GetInt("min"));

        var manual = template.Items[2].Manual!;
        Assert.Equal([EvidenceKind.File, EvidenceKind.Note], manual.Evidence);
        Assert.Equal(SignoffRole.ReleaseManager, manual.Signoff);
        Assert.True(manual.FourEyes);
        Assert.Empty(template.Items[2].AppliesWhen);
    }

    [Fact]
    public void Load_ProbeWithoutParameters_ResolvesDefaultsFromTheCatalog()
    {
        var yaml = """
            title: T
            description: D
            items:
              - id: env
                section: S
                title: T
                guidance: G
                sources: [production-grade#configuration]
                required: true
                probe: config-externalized
              - id: security
                section: S
                title: T
                guidance: G
                sources: [production-grade#security]
                required: true
                probe: security-context
                parameters:
                  requireReadOnlyRootFilesystem: false
            """;

        var template = TemplateLoader.Load([new TemplateSource("t.yaml", yaml)]).Templates.Single().Template;

        Assert.Contains("password", template.Items[0].Probe!.GetStringList("secretNamePatterns"));
        Assert.False(template.Items[1].Probe!.GetBool("requireReadOnlyRootFilesystem"));
        Assert.Equal(["requireReadOnlyRootFilesystem"], template.Items[1].Probe!.Parameters.Keys);
    }

    [Fact]
    public void Load_AnchorsAndAliases_AreFollowed()
    {
        var yaml = """
            title: T
            description: D
            items:
              - id: one
                section: &section Availability
                title: T
                guidance: G
                sources: &sources [production-grade#amount-of-replicas]
                required: true
                probe: replicas-min
              - id: two
                section: *section
                title: T
                guidance: G
                sources: *sources
                required: true
                probe: pdb-present
            """;

        var catalog = TemplateLoader.Load([new TemplateSource("t.yaml", yaml)]);

        Assert.Empty(catalog.Errors);
        Assert.Equal("Availability", catalog.Templates[0].Template.Items[1].Section);
        Assert.Equal(["production-grade#amount-of-replicas"], catalog.Templates[0].Template.Items[1].Sources);
    }

    [Fact]
    public void Load_OneBrokenFile_KeepsTheOtherTemplatesAndReportsTheBrokenOne()
    {
        var catalog = TemplateLoader.Load([
            new TemplateSource("valid.yaml", Valid),
            new TemplateSource("broken.yaml", "title: Broken\ndescription: D\nitems: {}\n"),
        ]);

        Assert.False(catalog.IsValid);
        Assert.Equal(["broken.yaml:3:8: 'items' must be a list of items, found a mapping"], catalog.Errors.Select(e => e.ToString()));
        Assert.NotNull(catalog.Find("valid"));
        Assert.Null(catalog.Find("broken"));
        Assert.Equal(3, catalog.ItemCount);
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_ReportsTheDirectory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "checklist-no-such-dir-" + Guid.NewGuid().ToString("N"));

        var catalog = TemplateLoader.LoadDirectory(missing);

        Assert.Equal([$"{missing}: template directory not found"], catalog.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void LoadDirectory_YmlFileAndNoYaml_ReportsRenameAndEmpty()
    {
        var directory = Directory.CreateTempSubdirectory("checklist-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "service.yml"), Valid);
            File.WriteAllText(Path.Combine(directory, "notes.txt"), "not a template");

            var catalog = TemplateLoader.LoadDirectory(directory);

            Assert.Equal(
                [$"{Path.Combine(directory, "service.yml")}:1:1: template files end in .yaml; rename this file so it is loaded"],
                catalog.Errors.Select(e => e.ToString()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_EmptyDirectory_ReportsNoTemplates()
    {
        var directory = Directory.CreateTempSubdirectory("checklist-templates-").FullName;
        try
        {
            var catalog = TemplateLoader.LoadDirectory(directory);

            Assert.Equal([$"{directory}: no template files (*.yaml) found"], catalog.Errors.Select(e => e.ToString()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_ErrorPath_IsTheDirectoryAsGivenJoinedWithTheFileName()
    {
        var directory = Directory.CreateTempSubdirectory("checklist-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "broken.yaml"), "title: x\ndescription: y\n");

            var error = Assert.Single(TemplateLoader.LoadDirectory(directory).Errors);

            Assert.Equal(Path.Combine(directory, "broken.yaml"), error.File);
            Assert.Equal((1, 1), (error.Line, error.Column));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
