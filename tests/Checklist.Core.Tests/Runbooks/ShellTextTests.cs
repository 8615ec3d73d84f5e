using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

public sealed class ShellTextTests
{
    [Theory]
    [InlineData("shop-web", "shop-web")]
    [InlineData("oci://registry.example.com/charts/shop:1.0", "oci://registry.example.com/charts/shop:1.0")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("a`rm -rf /`b", "'a`rm -rf /`b'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    [InlineData("line\n```\nbreak", "'line ``` break'")]
    [InlineData("", "''")]
    [InlineData(null, "''")]
    public void Quote_Value_GivesOneLiteralShellWord(string? value, string expected)
    {
        Assert.Equal(expected, ShellText.Quote(value));
    }
}
