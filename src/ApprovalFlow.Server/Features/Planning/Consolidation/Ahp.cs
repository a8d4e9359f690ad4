using MathNet.Numerics.LinearAlgebra;

namespace ApprovalFlow.Server.Features.Planning.Consolidation;

/// <summary>The weights an AHP pairwise comparison gives, with its consistency.</summary>
/// <param name="Weights">The principal right eigenvector, normalised to sum 1, in the matrix's order.</param>
/// <param name="LambdaMax">The principal eigenvalue λmax (n for a perfectly consistent matrix).</param>
/// <param name="ConsistencyIndex">CI = (λmax − n) / (n − 1); 0 for n ≤ 2.</param>
/// <param name="RandomIndex">Saaty's random index RI for n.</param>
/// <param name="ConsistencyRatio">CR = CI / RI; 0 for n ≤ 2.</param>
public sealed record AhpResult(IReadOnlyList<double> Weights, double LambdaMax, double ConsistencyIndex, double RandomIndex, double ConsistencyRatio)
{
    /// <summary>Whether the comparison is consistent enough to use: CR ≤ <see cref="Ahp.MaxConsistencyRatio"/>.</summary>
    public bool IsAcceptable => ConsistencyRatio <= Ahp.MaxConsistencyRatio;
}

/// <summary>
/// The analytic hierarchy process (T. L. Saaty, "The Analytic Hierarchy Process", 1980; "How to make a
/// decision", EJOR 48, 1990): weights of criteria from a reciprocal pairwise comparison matrix as its
/// principal eigenvector (Math.NET Numerics' eigenvalue decomposition), and its consistency ratio
/// against Saaty's random index. Thread-safe (pure functions).
/// </summary>
public static class Ahp
{
    /// <summary>The largest consistency ratio accepted: 0.1 (Saaty).</summary>
    public const double MaxConsistencyRatio = 0.1;

    /// <summary>Saaty's random consistency index for n = 1 to 10 (index n − 1).</summary>
    public static IReadOnlyList<double> RandomIndices { get; } = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

    /// <summary>What is wrong with <paramref name="matrix"/> as a comparison of <paramref name="n"/> criteria, or <see langword="null"/> when it is one.</summary>
    /// <param name="matrix">Rows of the matrix.</param>
    /// <param name="n">The number of criteria (1 to 10).</param>
    /// <returns>A sentence for people, or <see langword="null"/>.</returns>
    public static string? Problem(IReadOnlyList<IReadOnlyList<double>> matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (n < 1 || n > RandomIndices.Count)
        {
            return $"AHP compares 1 to {RandomIndices.Count} criteria; the cycle has {n}.";
        }

        if (matrix.Count != n || matrix.Any(r => r is null || r.Count != n))
        {
            return $"The comparison matrix must be {n} × {n}, one row and column per criterion in their order.";
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = matrix[i][j];
                if (!double.IsFinite(a) || a < (1.0 / 9) - 1e-9 || a > 9 + 1e-9)
                {
                    return $"Entry [{i}][{j}] is {a}; Saaty's scale runs from 1/9 to 9.";
                }

                if (i == j && Math.Abs(a - 1) > 1e-9)
                {
                    return $"Entry [{i}][{i}] must be 1 (a criterion compared with itself).";
                }

                if (Math.Abs((a * matrix[j][i]) - 1) > 0.01)
                {
                    return $"Entries [{i}][{j}] = {a} and [{j}][{i}] = {matrix[j][i]} must be reciprocals (their product 1).";
                }
            }
        }

        return null;
    }

    /// <summary>The weights and consistency of <paramref name="matrix"/>, which <see cref="Problem"/> accepts.</summary>
    /// <param name="matrix">A positive reciprocal n × n matrix.</param>
    /// <returns>The result; <see cref="AhpResult.IsAcceptable"/> says whether to use it.</returns>
    /// <exception cref="ArgumentException">The matrix is not a valid comparison (<see cref="Problem"/>).</exception>
    public static AhpResult Compute(IReadOnlyList<IReadOnlyList<double>> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Count;
        if (Problem(matrix, n) is { } problem)
        {
            throw new ArgumentException(problem, nameof(matrix));
        }

        var a = Matrix<double>.Build.Dense(n, n, (i, j) => matrix[i][j]);
        var evd = a.Evd();

        // A positive matrix has a real principal eigenvalue with a positive eigenvector (Perron–Frobenius).
        var principal = Enumerable.Range(0, n).MaxBy(k => evd.EigenValues[k].Real);
        var lambda = evd.EigenValues[principal].Real;
        var vector = evd.EigenVectors.Column(principal);
        var sum = vector.Sum();
        var weights = vector.Select(v => v / sum).ToList();
        var ci = n <= 2 ? 0 : Math.Max(0, (lambda - n) / (n - 1));
        var ri = RandomIndices[n - 1];
        return new AhpResult(weights, lambda, ci, ri, ri == 0 ? 0 : ci / ri);
    }
}
