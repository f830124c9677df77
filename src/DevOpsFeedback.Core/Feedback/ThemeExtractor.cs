using System.Collections.Immutable;

namespace DevOpsFeedback.Feedback;

/// <summary>
/// Groups one app's feedback into themes, explainably and deterministically:
/// <list type="number">
/// <item>Each item becomes a set of terms (<see cref="TextTokenizer"/>) weighted by smoothed IDF = ln((1 + N) / (1 + df)) + 1 (binary TF:
/// feedback is short), normalised to unit length.</item>
/// <item>Anchor terms are those in at least <see cref="ThemeOptions.MinThemeSize"/> items and at most
/// <see cref="ThemeOptions.MaxAnchorShare"/> of them (the cap applies from <see cref="ThemeOptions.MinItemsForShareCap"/>
/// items on: a small app's feedback may all be about one thing).</item>
/// <item>Term co-occurrence: two terms are associated when they share at least <see cref="ThemeOptions.MinThemeSize"/> items,
/// at least <see cref="ThemeOptions.MinLift"/> times as many as independence predicts, and more than chance explains
/// (Poisson tail below 1e-4). A subject's words keep company ("upload", "attachment", "size"); filler ("annoying",
/// "morning") goes with anything equally. From <see cref="ThemeOptions.MinItemsForShareCap"/> items on, a term with no
/// associate does not anchor a theme.</item>
/// <item>Each item joins the cluster of its most widespread anchor, the subject most reports share (ties: ordinal order).</item>
/// <item>Clusters are merged into larger ones (largest first) when their TF-IDF centroids have cosine similarity ≥
/// <see cref="ThemeOptions.MergeSimilarity"/>, so "export fails on large reports" and "large report export" meet, or when
/// their anchors are associated and at least <see cref="ThemeOptions.MergeCooccurrence"/> of the smaller anchor's items
/// also name the larger one (the items that say "limit" but not "size" belong with the upload theme).</item>
/// <item>A theme is named by the top terms of its centroid; its id is the anchor of its largest cluster.</item>
/// </list>
/// Input order does not matter: items are sorted by (time, id) and every tie is broken ordinally.
/// </summary>
public static class ThemeExtractor
{
    private const int CentroidTerms = 12;

    public static ImmutableArray<Theme> Extract(IEnumerable<FeedbackRecord> feedback, DateTimeOffset now, ThemeOptions? options = null)
    {
        options ??= ThemeOptions.Default;
        var themes = ImmutableArray.CreateBuilder<Theme>();
        foreach (var app in feedback.GroupBy(f => f.App, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            themes.AddRange(ExtractApp(app.Key, [.. app], now, options));
        }

        return themes.ToImmutable();
    }

    private static List<Theme> ExtractApp(string app, FeedbackRecord[] docs, DateTimeOffset now, ThemeOptions options)
    {
        Array.Sort(docs, static (a, b) =>
        {
            var c = a.ReceivedAt.CompareTo(b.ReceivedAt);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });

        // 1. Terms per item, vocabulary, document frequency.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        var terms = new List<string>();
        var df = new List<int>();
        var docTerms = new int[docs.Length][];
        var scratch = new List<int>(32);
        for (var d = 0; d < docs.Length; d++)
        {
            scratch.Clear();
            TextTokenizer.Tokenize(docs[d].Text, term =>
            {
                if (!lookup.TryGetValue(term, out var id))
                {
                    var text = term.ToString();
                    id = terms.Count;
                    vocabulary[text] = id;
                    terms.Add(text);
                    df.Add(0);
                }

                if (!scratch.Contains(id)) scratch.Add(id);
            });
            foreach (var id in scratch) df[id]++;
            docTerms[d] = [.. scratch];
        }

        var n = docs.Length;
        var idf = new double[terms.Count];
        for (var t = 0; t < idf.Length; t++) idf[t] = Math.Log((1.0 + n) / (1.0 + df[t])) + 1;
        var maxDf = n < ThemeOptions.MinItemsForShareCap ? n : Math.Max(options.MinThemeSize, (int)Math.Floor(options.MaxAnchorShare * n));
        bool IsCandidate(int t) => df[t] >= options.MinThemeSize && df[t] <= maxDf;
        var associations = Associations(docTerms, df, n, IsCandidate, options);
        var cohesive = new bool[terms.Count];
        foreach (var (a, b) in associations.Keys)
        {
            cohesive[a] = true;
            cohesive[b] = true;
        }

        var filterFiller = n >= ThemeOptions.MinItemsForShareCap;
        bool IsAnchor(int t) => IsCandidate(t) && (!filterFiller || cohesive[t]);

        // 2. Each item to the cluster of its strongest anchor.
        var clusterOf = new int[n];
        var clusterIndex = new Dictionary<int, int>();
        var clusterAnchors = new List<int>();
        var clusterSizes = new List<int>();
        for (var d = 0; d < n; d++)
        {
            var best = -1;
            foreach (var t in docTerms[d])
            {
                if (!IsAnchor(t)) continue;
                if (best < 0 || df[t] > df[best] || (df[t] == df[best] && string.CompareOrdinal(terms[t], terms[best]) < 0)) best = t;
            }

            if (best < 0)
            {
                clusterOf[d] = -1;
                continue;
            }

            if (!clusterIndex.TryGetValue(best, out var c))
            {
                c = clusterAnchors.Count;
                clusterIndex[best] = c;
                clusterAnchors.Add(best);
                clusterSizes.Add(0);
            }

            clusterOf[d] = c;
            clusterSizes[c]++;
        }

        // 3. Centroids (sum of unit TF-IDF vectors), then merge similar clusters, largest first.
        var k = clusterAnchors.Count;
        var centroids = new Dictionary<int, double>[k];
        for (var c = 0; c < k; c++) centroids[c] = [];
        for (var d = 0; d < n; d++)
        {
            var c = clusterOf[d];
            if (c < 0) continue;
            var norm = 0.0;
            foreach (var t in docTerms[d]) norm += idf[t] * idf[t];
            if (norm == 0) continue;
            norm = Math.Sqrt(norm);
            var centroid = centroids[c];
            foreach (var t in docTerms[d]) centroid[t] = centroid.GetValueOrDefault(t) + (idf[t] / norm);
        }

        var order = Enumerable.Range(0, k)
            .OrderByDescending(c => clusterSizes[c])
            .ThenBy(c => terms[clusterAnchors[c]], StringComparer.Ordinal)
            .ToArray();
        var top = new (int Term, double Weight)[k][];
        foreach (var c in order) top[c] = TopTerms(centroids[c], terms, CentroidTerms);

        bool Belongs(int anchor, int head)
        {
            var key = anchor < head ? (anchor, head) : (head, anchor);
            return associations.TryGetValue(key, out var shared) && shared >= options.MergeCooccurrence * df[anchor];
        }

        var root = new int[k];
        for (var c = 0; c < k; c++) root[c] = c;
        var heads = new List<int>();
        foreach (var c in order)
        {
            var target = -1;
            foreach (var h in heads)
            {
                if (Cosine(top[h], top[c]) >= options.MergeSimilarity || Belongs(clusterAnchors[c], clusterAnchors[h]))
                {
                    target = h;
                    break;
                }
            }

            if (target < 0) heads.Add(c);
            else root[c] = target;
        }

        // 4. Themes from merged groups.
        var themeOf = new Dictionary<int, int>();
        foreach (var h in heads) themeOf[h] = themeOf.Count;
        var builders = heads.Select(h => new ThemeBuilder(terms[clusterAnchors[h]])).ToArray();
        for (var c = 0; c < k; c++)
        {
            var builder = builders[themeOf[root[c]]];
            foreach (var (term, weight) in centroids[c]) builder.Centroid[term] = builder.Centroid.GetValueOrDefault(term) + weight;
        }

        var recentFrom = now - options.Window;
        var previousFrom = recentFrom - options.Window;
        for (var d = n - 1; d >= 0; d--)
        {
            if (clusterOf[d] < 0) continue;
            builders[themeOf[root[clusterOf[d]]]].Add(docs[d], recentFrom, previousFrom, now, options.ExampleCount);
        }

        return builders
            .Where(b => b.Count >= options.MinThemeSize)
            .Select(b => b.Build(app, TopTerms(b.Centroid, terms, options.TopTermCount).Select(t => terms[t.Term]).ToImmutableArray()))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Pairs of candidate terms (lower id first) that are associated, with the number of items they share.</summary>
    private static Dictionary<(int, int), int> Associations(int[][] docTerms, List<int> df, int n, Func<int, bool> isCandidate, ThemeOptions options)
    {
        var shared = new Dictionary<(int, int), int>();
        var candidates = new List<int>(16);
        foreach (var doc in docTerms)
        {
            candidates.Clear();
            foreach (var t in doc)
            {
                if (isCandidate(t)) candidates.Add(t);
            }

            for (var i = 0; i < candidates.Count; i++)
            {
                for (var j = i + 1; j < candidates.Count; j++)
                {
                    var (a, b) = candidates[i] < candidates[j] ? (candidates[i], candidates[j]) : (candidates[j], candidates[i]);
                    ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(shared, (a, b), out _);
                    count++;
                }
            }
        }

        var associated = new Dictionary<(int, int), int>();
        foreach (var ((a, b), count) in shared)
        {
            if (count < options.MinThemeSize) continue;
            var expected = (double)df[a] * df[b] / n;
            if (count < options.MinLift * expected) continue;
            if (1 - MathNet.Numerics.Distributions.Poisson.CDF(expected, count - 1) >= 1e-4) continue;
            associated[(a, b)] = count;
        }

        return associated;
    }

    private static (int Term, double Weight)[] TopTerms(Dictionary<int, double> centroid, List<string> terms, int count) =>
        centroid
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => terms[kv.Key], StringComparer.Ordinal)
            .Take(count)
            .Select(kv => (kv.Key, kv.Value))
            .ToArray();

    private static double Cosine((int Term, double Weight)[] a, (int Term, double Weight)[] b)
    {
        double dot = 0, na = 0, nb = 0;
        foreach (var (term, weight) in a)
        {
            na += weight * weight;
            foreach (var (other, w) in b)
            {
                if (other == term) dot += weight * w;
            }
        }

        foreach (var (_, w) in b) nb += w * w;
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private sealed class ThemeBuilder(string id)
    {
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private readonly List<ThemeQuote> _examples = [];
        private int _bugs;
        private int _praise;
        private int _ratings;
        private long _ratingSum;
        private int _recent;
        private int _previous;
        private DateTimeOffset _first = DateTimeOffset.MaxValue;
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public Dictionary<int, double> Centroid { get; } = [];

        public int Count { get; private set; }

        /// <summary>Items arrive newest first, so the first ones seen are the examples.</summary>
        public void Add(FeedbackRecord f, DateTimeOffset recentFrom, DateTimeOffset previousFrom, DateTimeOffset now, int examples)
        {
            Count++;
            if (f.UserHash is not null) _users.Add(f.UserHash);
            if (f.Category == FeedbackCategory.Bug) _bugs++;
            if (f.Category == FeedbackCategory.Praise) _praise++;
            if (f.Rating is { } r)
            {
                _ratings++;
                _ratingSum += r;
            }

            if (f.ReceivedAt >= recentFrom && f.ReceivedAt < now) _recent++;
            else if (f.ReceivedAt >= previousFrom && f.ReceivedAt < recentFrom) _previous++;
            if (f.ReceivedAt < _first) _first = f.ReceivedAt;
            if (f.ReceivedAt > _last) _last = f.ReceivedAt;
            if (_examples.Count < examples)
            {
                var text = f.Text.Length <= 280 ? f.Text : string.Concat(f.Text.AsSpan(0, 279), "…");
                _examples.Add(new ThemeQuote(f.Id, f.Version, f.Category, text, f.ReceivedAt));
            }
        }

        public Theme Build(string app, ImmutableArray<string> topTerms) =>
            new(app, id, topTerms, Count, _users.Count, _bugs, _praise, _ratings,
                _ratings == 0 ? null : Math.Round((double)_ratingSum / _ratings, 2),
                _first, _last, _recent, _previous, [.. _examples]);
    }
}
