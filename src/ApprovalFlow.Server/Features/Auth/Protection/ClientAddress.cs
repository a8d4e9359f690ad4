using System.Net;
using System.Net.Sockets;

namespace ApprovalFlow.Server.Features.Auth.Protection;

/// <summary>
/// The client a request counts against: its address after the forwarded headers of the trusted proxies (the real
/// client behind nginx); an IPv6 address counts by its /64 network, which one subscriber usually holds whole.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The client's partition key: <c>203.0.113.7</c>, <c>2001:db8:1:2::/64</c>, or <c>unknown</c> without an address (in-process test hosts).</summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
