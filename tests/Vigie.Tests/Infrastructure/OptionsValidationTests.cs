namespace Vigie.Tests.Infrastructure;

/// <summary>A bad setting stops the start with an English message naming it, instead of failing at the first request or mail.</summary>
[Trait(ProviderNeutral.Trait, ProviderNeutral.Value)]
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("RateLimits:LoginPerMinute", "-1")]
    [InlineData("RateLimits:ApiPerMinute", "0")]
    [InlineData("Mail:SmtpPort", "70000")]
    [InlineData("Mail:From", "pas-une-adresse")]
    [InlineData("Observatory:PollSeconds", "0")]
    [InlineData("PlanReminders:IntervalMinutes", "0")]
    [InlineData("Audit:RetentionDays", "-5")]
    public void BadValue_StopsTheStart_NamingTheSetting(string key, string value)
    {
        using var factory = new VigieFactory();
        factory.Settings[key] = value;
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NowhereToDeliverMail_StopsTheStart()
    {
        using var factory = new VigieFactory();
        factory.Settings["Mail:PickupDirectory"] = "";
        factory.Settings["Mail:SmtpHost"] = "";
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Mail:SmtpHost or Mail:PickupDirectory", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PickupFolderThatCannotBeCreated_StopsTheStart()
    {
        using var factory = new VigieFactory();
        var file = Path.GetTempFileName(); // a file where a folder is expected
        try
        {
            factory.Settings["Mail:PickupDirectory"] = Path.Combine(file, "mail");
            var error = Assert.ThrowsAny<Exception>(() => factory.Services);
            Assert.Contains("Mail:PickupDirectory", error.ToString(), StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void MissingGeographyFolder_StopsTheStart()
    {
        using var factory = new VigieFactory();
        factory.Settings["Geography:SourceFolder"] = Path.Combine(Path.GetTempPath(), $"vigie-absent-{Guid.NewGuid():N}");
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Geography:SourceFolder", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultTestSettings_Start()
    {
        using var factory = new VigieFactory();
        Assert.NotNull(factory.Services);
    }
}
