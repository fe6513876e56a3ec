using Herald.Channels;

namespace Herald.Tests.Protocol;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("job:123", true)]
    [InlineData("a.b_c-d@e=f:g", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    [InlineData("ünï", false)]
    public void Channel_names(string name, bool valid) => ChannelName.IsValid(name).ShouldBe(valid);

    [Fact]
    public void Channel_names_are_at_most_128() =>
        (ChannelName.IsValid(new string('a', 128)), ChannelName.IsValid(new string('a', 129))).ShouldBe((true, false));

    [Theory]
    [InlineData("job:123", "job")]
    [InlineData("storage", "storage")]
    [InlineData("a:b:c", "a")]
    public void Namespace_is_the_prefix_before_the_first_colon(string channel, string ns) =>
        ChannelName.NamespaceOf(channel).ToString().ShouldBe(ns);

    [Theory]
    [InlineData("location.*", "location.created", true)]
    [InlineData("location.*", "aip.created", false)]
    [InlineData("*", "anything", true)]
    [InlineData("*.updated", "aip.updated", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void Globs(string pattern, string text, bool match) => Glob.IsMatch(pattern, text).ShouldBe(match);
}
