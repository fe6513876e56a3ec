namespace Herald.Client.Tests.Connection;

/// <summary>PROTOCOL.md §7's "client should" column.</summary>
public sealed class ClosePolicyTests
{
    [Theory]
    [InlineData(1000, CloseAction.Stop)]
    [InlineData(1001, CloseAction.ReconnectNow)]
    [InlineData(1006, CloseAction.Reconnect)]
    [InlineData(1009, CloseAction.Stop)]
    [InlineData(1011, CloseAction.Reconnect)]
    [InlineData(4000, CloseAction.Reconnect)]
    [InlineData(4001, CloseAction.RenewCredentials)]
    [InlineData(4003, CloseAction.Stop)]
    [InlineData(4008, CloseAction.Reconnect)]
    [InlineData(4029, CloseAction.Reconnect)]
    [InlineData(4400, CloseAction.Stop)]
    [InlineData(4999, CloseAction.Reconnect)]
    internal void Each_close_code_has_its_action(int code, CloseAction action) => ClosePolicy.For(code).ShouldBe(action);
}
