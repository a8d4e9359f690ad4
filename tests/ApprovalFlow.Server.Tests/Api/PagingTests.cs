using ApprovalFlow.Server.Api;

namespace ApprovalFlow.Server.Tests.Api;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(int.MaxValue, 1, int.MaxValue, 1)]
    [InlineData(int.MaxValue, 200, (int.MaxValue / 200) + 1, 200)]
    [InlineData(0, 0, 1, 1)]
    [InlineData(3, 500, 3, Paging.MaxPageSize)]
    public void Clamp_keeps_the_row_offset_in_range(int page, int pageSize, int expectedPage, int expectedSize)
    {
        var (clampedPage, clampedSize) = Paging.Clamp(page, pageSize);

        Assert.Equal((expectedPage, expectedSize), (clampedPage, clampedSize));
        Assert.True((long)(clampedPage - 1) * clampedSize <= int.MaxValue);
    }
}
