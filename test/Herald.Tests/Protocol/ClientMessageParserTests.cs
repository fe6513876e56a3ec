using System.Buffers;
using System.Text;
using Herald.Log;
using Herald.Protocol;

namespace Herald.Tests.Protocol;

public sealed class ClientMessageParserTests
{
    [Fact]
    public void Parses_a_full_subscribe()
    {
        var message = Parse("""{"type":"subscribe","id":7,"channel":"job:1","events":["a.*","b"],"since":{"epoch":"e1","offset":45},"snapshot":true,"extra":{"x":[1,2]}}""").ShouldBeOfType<SubscribeMessage>();

        message.Channel.ShouldBe("job:1");
        message.Events.ShouldBe(["a.*", "b"]);
        message.Since.ShouldBe(new StreamPosition("e1", 45));
        message.Snapshot.ShouldBeTrue();
        Encoding.UTF8.GetString(message.Id.Number!).ShouldBe("7");
    }

    [Theory]
    [InlineData("""{"type":"ping","id":1.50}""", "1.50")]
    [InlineData("""{"type":"ping","id":-3}""", "-3")]
    public void Numeric_ids_are_kept_verbatim(string frame, string raw) =>
        Encoding.UTF8.GetString(Parse(frame).Id.Number!).ShouldBe(raw);

    [Fact]
    public void String_ids_are_kept() => Parse("""{"id":"abc","type":"pong"}""").Id.Text.ShouldBe("abc");

    [Theory]
    [InlineData("not json", ErrorCodes.BadRequest)]
    [InlineData("[]", ErrorCodes.BadRequest)]
    [InlineData("""{"id":1}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":5}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe"}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","channel":1}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","channel":"a","since":{"epoch":"e"}}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","channel":"a","since":{"epoch":"e","offset":-1}}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","channel":"a","events":"x"}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","channel":"a","snapshot":"yes"}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"refresh"}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"ping"} {}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"dance","id":"d"}""", ErrorCodes.UnknownType)]
    public void Rejects_with_the_protocol_code(string frame, string code)
    {
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(frame));
        ClientMessageParser.TryParse(ref input, out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(code);
        input.Length.ShouldBe(0);
    }

    [Fact]
    public void Errors_carry_the_id_seen_before_the_fault() =>
        ParseError("""{"id":"x9","type":"dance"}""").Id.Text.ShouldBe("x9");

    [Fact]
    public void Deep_nesting_is_refused_not_crashed() =>
        ParseError("""{"type":"ping","x":""" + new string('[', 500) + new string(']', 500) + "}").Code.ShouldBe(ErrorCodes.BadRequest);

    private static ClientMessage Parse(string frame)
    {
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(frame));
        ClientMessageParser.TryParse(ref input, out var message, out var error).ShouldBeTrue(error.Message);
        return message!;
    }

    private static ProtocolError ParseError(string frame)
    {
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(frame));
        ClientMessageParser.TryParse(ref input, out _, out var error).ShouldBeFalse();
        return error;
    }
}
