using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Herald.Log;
using Herald.Protocol;

namespace Herald.Bench;

/// <summary>The protocol codec: encoding an event once per publish, and parsing the commands clients send.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private LogEntry _entry = null!;
    private ReadOnlySequence<byte> _subscribe;
    private ReadOnlySequence<byte> _resume;

    [Params(256)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _entry = HeraldFixture.Entry("public:bench", 46, PayloadBytes);
        _subscribe = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"type\":\"subscribe\",\"id\":1,\"channel\":\"job:123\",\"events\":[\"TASK_*\"]}"));
        _resume = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"type\":\"subscribe\",\"id\":2,\"channel\":\"job:123\",\"since\":{\"epoch\":\"8f3a\",\"offset\":45}}"));
    }

    [Benchmark(Description = "encode event (once per publish)")]
    public byte[] EncodeEvent() => ServerMessageWriter.EncodeEvent(_entry);

    [Benchmark(Description = "parse subscribe")]
    public bool ParseSubscribe()
    {
        var input = _subscribe;
        return ClientMessageParser.TryParse(ref input, out _, out _);
    }

    [Benchmark(Description = "parse subscribe with since")]
    public bool ParseResume()
    {
        var input = _resume;
        return ClientMessageParser.TryParse(ref input, out _, out _);
    }
}
