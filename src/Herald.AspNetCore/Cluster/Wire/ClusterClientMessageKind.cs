namespace Herald.AspNetCore.Cluster.Wire;

internal enum ClusterClientMessageKind
{
    Subscribe,
    Ping,
    Pong,
    Invalid,
}
