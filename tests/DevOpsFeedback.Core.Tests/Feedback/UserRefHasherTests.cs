using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

public sealed class UserRefHasherTests
{
    private static readonly byte[] Salt = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherSalt = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Hash_SameUserAndSalt_IsStableAndHidesTheReference()
    {
        var a = UserRefHasher.Hash("user-7f3a91", Salt);
        Assert.Equal(a, UserRefHasher.Hash("user-7f3a91", Salt));
        Assert.Equal(64, a.Length);
        Assert.DoesNotContain("7f3a91", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_DifferentSaltOrUser_Differs()
    {
        var a = UserRefHasher.Hash("user-7f3a91", Salt);
        Assert.NotEqual(a, UserRefHasher.Hash("user-7f3a91", OtherSalt));
        Assert.NotEqual(a, UserRefHasher.Hash("user-7f3a92", Salt));
    }

    [Fact]
    public void Hash_ShortSalt_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => UserRefHasher.Hash("u", new byte[8]));
        Assert.Equal("salt", ex.ParamName);
    }
}
