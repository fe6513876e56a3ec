using Microsoft.Extensions.Options;

namespace Herald.Api.Tests.Http;

/// <summary>The store deadlines are validated at start-up: a zero or negative one would fail every publish or close every connection.</summary>
public sealed class DeadlineOptionsTests
{
    [Theory]
    [InlineData("Herald:PublishTimeout", "00:00:00")]
    [InlineData("Herald:BusStallTimeout", "-00:00:01")]
    public async Task A_deadline_that_is_not_positive_fails_start_up_naming_it(string key, string value)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => HeraldTestServer.StartAsync(new() { [key] = value }));
        failure.Message.ShouldContain(key);
    }
}
