using System.CommandLine;

namespace VideoLang.Api.Commands;

/// <summary>Building blocks shared by the commands: the tenant option and the pass-through of <c>--Section:Key=value</c> settings.</summary>
internal static class CommandLine
{
    public static Option<string> TenantOption() => new("--tenant") { Description = "The tenant whose videos to work on.", DefaultValueFactory = _ => "default" };

    /// <summary>Lets a command accept configuration settings it does not declare; they reach <see cref="CommandSettings"/>.</summary>
    public static T AcceptingSettings<T>(this T command) where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    public static IReadOnlyList<string> Settings(this ParseResult result) => result.UnmatchedTokens;
}
