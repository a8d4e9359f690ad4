using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Drills;

/// <summary>
/// Disk and memory pressure (issue 14): an upload that declares a body larger than the node's whole memory limit is refused
/// with a 413 problem before any of its body is read. A real server process on a raw socket: only the request's head is sent,
/// so the answer can only come from a check that read no body.
/// </summary>
[Collection(ServiceGroup.Name)]
public class OversizeUploadTests(ServiceFixture service)
{
    [Fact]
    public async Task An_upload_declaring_2_GiB_gets_a_413_problem_before_its_body_is_sent()
    {
        await using var node = await ServerProcess.StartAsync(service.Database.ConnectionString);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/tasks/{Guid.NewGuid()}/attachments HTTP/1.1\r\nHost: {node.BaseAddress.Authority}\r\n"
            + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 2147483648\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var status = await reader.ReadLineAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        // Kestrel writes the problem chunked (RFC 9112 §7.1): size lines in hex, each followed by its chunk, until a 0.
        var body = new StringBuilder();
        Assert.Equal("chunked", headers["Transfer-Encoding"]);
        for (var size = int.Parse((await reader.ReadLineAsync())!, NumberStyles.HexNumber, CultureInfo.InvariantCulture); size > 0;
             size = int.Parse((await reader.ReadLineAsync())!, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
        {
            var chunk = new char[size]; // the problem is ASCII JSON: as many characters as bytes
            await reader.ReadBlockAsync(chunk);
            body.Append(chunk);
            await reader.ReadLineAsync();
        }

        Assert.Equal("HTTP/1.1 413 Payload Too Large", status);
        Assert.StartsWith("application/problem+json", headers["Content-Type"], StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body.ToString()).RootElement;
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("The request body is 2147483648 bytes; the limit is", problem.Str("detail"), StringComparison.Ordinal);
    }
}
