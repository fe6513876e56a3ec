using System.Globalization;
using System.Net;
using System.Text;

namespace Herald.LoadGen.Results;

/// <summary>Small inline SVG charts, so the HTML report is one self-contained file (no CDN; the network is closed).</summary>
internal static class SvgChart
{
    private const int Width = 640;
    private const int Height = 300;
    private const int Left = 90;
    private const int Right = 20;
    private const int Top = 34;
    private const int Bottom = 50;
    private static readonly string[] Palette = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#718096"];

    public static string ColorOf(int index) => Palette[index % Palette.Length];

    /// <summary>One bar per server (the median), with a whisker from the lowest to the highest round.</summary>
    public static string Bars(string title, string unit, IReadOnlyList<(string Name, double Value, double Min, double Max)> bars)
    {
        var top = Math.Max(1e-9, bars.Count == 0 ? 1 : bars.Max(b => Math.Max(b.Max, b.Value)));
        var svg = Begin(title);
        Axis(svg, 0, top, unit);
        var slot = (Width - Left - Right) / (double)Math.Max(1, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var (name, value, min, max) = bars[i];
            var x = Left + (i * slot) + (slot * 0.2);
            var w = slot * 0.6;
            var y = Y(value, 0, top);
            svg.Append(Inv($"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{w:F1}\" height=\"{Height - Bottom - y:F1}\" fill=\"{ColorOf(i)}\"><title>{Esc(name)}: {value:N2} {Esc(unit)}</title></rect>"));
            if (max > min)
            {
                var cx = x + (w / 2);
                svg.Append(Inv($"<line x1=\"{cx:F1}\" x2=\"{cx:F1}\" y1=\"{Y(min, 0, top):F1}\" y2=\"{Y(max, 0, top):F1}\" stroke=\"#1a202c\" stroke-width=\"1.5\"/>"));
            }

            svg.Append(Inv($"<text x=\"{x + (w / 2):F1}\" y=\"{y - 4:F1}\" text-anchor=\"middle\" font-size=\"11\">{Esc(Short(value))}</text>"));
            svg.Append(Inv($"<text x=\"{x + (w / 2):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"12\">{Esc(name)}</text>"));
        }

        return End(svg);
    }

    /// <summary>Groups of bars: one group per server, one bar per series (e.g. p50, p99, p99.9).</summary>
    public static string GroupedBars(string title, string unit, IReadOnlyList<string> groups, IReadOnlyList<(string Series, double[] Values)> series)
    {
        var top = Math.Max(1e-9, series.SelectMany(s => s.Values).DefaultIfEmpty(1).Max());
        var svg = Begin(title);
        Axis(svg, 0, top, unit);
        var slot = (Width - Left - Right) / (double)Math.Max(1, groups.Count);
        var bar = slot * 0.7 / Math.Max(1, series.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[g];
                var x = Left + (g * slot) + (slot * 0.15) + (s * bar);
                var y = Y(value, 0, top);
                svg.Append(Inv($"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{bar * 0.9:F1}\" height=\"{Height - Bottom - y:F1}\" fill=\"{ColorOf(s)}\" opacity=\"0.85\"><title>{Esc(groups[g])} {Esc(series[s].Series)}: {value:N3} {Esc(unit)}</title></rect>"));
                svg.Append(Inv($"<text x=\"{x + (bar * 0.45):F1}\" y=\"{y - 3:F1}\" text-anchor=\"middle\" font-size=\"9\">{Esc(Short(value))}</text>"));
            }

            svg.Append(Inv($"<text x=\"{Left + (g * slot) + (slot / 2):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"12\">{Esc(groups[g])}</text>"));
        }

        Legend(svg, series.Select(s => s.Series).ToList());
        return End(svg);
    }

    /// <summary>Lines over x; with <paramref name="percentileAxis"/> x is a percentile drawn on a log scale of 1/(1-p).</summary>
    public static string Lines(string title, string xLabel, string unit, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> lines, bool percentileAxis = false)
    {
        static double Tx(double x, bool pct) => pct ? Math.Log10(1 / Math.Max(1e-6, 1 - (Math.Min(x, 99.9999) / 100))) : x;
        var all = lines.SelectMany(l => l.Points).ToList();
        var svg = Begin(title);
        if (all.Count == 0)
        {
            return End(svg);
        }

        var (x0, x1) = (all.Min(p => Tx(p.X, percentileAxis)), Math.Max(all.Max(p => Tx(p.X, percentileAxis)), 1e-9));
        var top = Math.Max(1e-9, all.Max(p => p.Y));
        Axis(svg, 0, top, unit);
        double X(double x) => Left + ((Tx(x, percentileAxis) - x0) / Math.Max(1e-9, x1 - x0) * (Width - Left - Right));
        for (var i = 0; i < lines.Count; i++)
        {
            var path = string.Join(" ", lines[i].Points.Select(p => Inv($"{X(p.X):F1},{Y(p.Y, 0, top):F1}")));
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{ColorOf(i)}\" stroke-width=\"2\" points=\"{path}\"/>"));
        }

        if (percentileAxis)
        {
            foreach (var p in new[] { 50.0, 90, 99, 99.9, 99.99 })
            {
                svg.Append(Inv($"<text x=\"{X(p):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">p{p}</text>"));
            }
        }
        else
        {
            for (var k = 0; k <= 4; k++)
            {
                var v = x0 + ((x1 - x0) * k / 4);
                svg.Append(Inv($"<text x=\"{Left + ((Width - Left - Right) * k / 4.0):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Short(v)}</text>"));
            }
        }

        svg.Append(Inv($"<text x=\"{(Width + Left) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5568\">{Esc(xLabel)}</text>"));
        Legend(svg, lines.Select(l => l.Name).ToList());
        return End(svg);
    }

    private static StringBuilder Begin(string title) => new StringBuilder()
        .Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">"))
        .Append(Inv($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Esc(title)}</text>"));

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axis(StringBuilder svg, double min, double max, string unit)
    {
        for (var k = 0; k <= 4; k++)
        {
            var v = min + ((max - min) * k / 4);
            var y = Y(v, min, max);
            svg.Append(Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#e2e8f0\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{Esc(Short(v))}</text>"));
        }

        svg.Append(Inv($"<text x=\"14\" y=\"{Top + ((Height - Top - Bottom) / 2)}\" font-size=\"11\" fill=\"#4a5568\" transform=\"rotate(-90 14 {Top + ((Height - Top - Bottom) / 2)})\" text-anchor=\"middle\">{Esc(unit)}</text>"));
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var x = Left + 10 + (i * 120);
            svg.Append(Inv($"<rect x=\"{x}\" y=\"{Top - 8}\" width=\"10\" height=\"10\" fill=\"{ColorOf(i)}\"/>"));
            svg.Append(Inv($"<text x=\"{x + 14}\" y=\"{Top + 1}\" font-size=\"11\">{Esc(names[i])}</text>"));
        }
    }

    private static double Y(double v, double min, double max) => Height - Bottom - ((v - min) / Math.Max(1e-9, max - min) * (Height - Top - Bottom - 10));

    private static string Short(double v) => Math.Abs(v) switch
    {
        >= 1e6 => (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
