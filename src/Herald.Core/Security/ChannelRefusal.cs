namespace Herald.Security;

/// <summary>Why <see cref="ChannelAccess"/> said no; <see cref="None"/> when it said yes.</summary>
internal enum ChannelRefusal
{
    None,

    /// <summary>Not a channel name at all; a session counts this as a malformed message.</summary>
    InvalidName,

    /// <summary>A well-formed name in a namespace this server does not configure.</summary>
    UnknownNamespace,

    /// <summary>The channel exists, but this principal may not do that on it.</summary>
    Denied,
}
