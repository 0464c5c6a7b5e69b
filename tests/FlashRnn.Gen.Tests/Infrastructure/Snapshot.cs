using System.Runtime.CompilerServices;

namespace FlashRnn.Gen.Tests.Infrastructure;

/// <summary>
/// Snapshot assertions with Verify's file conventions: the approved text lives in <c>Name.verified.ext</c> beside
/// the test; a mismatch writes <c>Name.received.ext</c> (ignored by git) and fails. To approve a change, review the
/// diff and move the received file over the verified one.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, string extension, [CallerFilePath] string testFile = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        string verified = Path.Combine(folder, $"{name}.verified.{extension}");
        string received = Path.Combine(folder, $"{name}.received.{extension}");
        string normalized = actual.Replace("\r\n", "\n");

        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot {name} changed: compare {received} with {verified}; if the change is intended, replace the verified file."
            : $"Snapshot {name} has no verified file yet: review {received} and rename it to {name}.verified.{extension}.");
    }
}
