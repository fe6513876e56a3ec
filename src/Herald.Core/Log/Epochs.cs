using System.Security.Cryptography;

namespace Herald.Log;

/// <summary>Epochs name one life of a stream; random so a reset stream can never reuse one.</summary>
public static class Epochs
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
