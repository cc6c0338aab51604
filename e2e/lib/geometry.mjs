// What a picture says, measured: a bar's drawn width against the share printed beside it, a
// legend's swatch colours against the chart's. Words on a screen can be right while the picture
// is wrong (inline styles under the CSP drew every bar full width), so the tests measure.

/** For each rate of a list (`li` with an `svg.bar` and the percentage last): drawn and expected widths in px. */
export async function rateBars(list) {
  return list.evaluate((ul) => [...ul.querySelectorAll("li")].map((li) => {
    const svg = li.querySelector("svg.bar");
    const rect = svg.querySelector("rect");
    const text = li.lastElementChild.textContent.trim();
    const share = text.includes("%") ? Number(text.replace(",", ".").replace(/[^\d.]/g, "")) : 0;
    const track = svg.getBoundingClientRect().width;
    return { text, share, drawn: rect.getBoundingClientRect().width, expected: (track * share) / 100 };
  }));
}

/** The colours (computed, rgb) a chart fills its marks with, and those of the legend that follows it. */
export async function chartColours(chart, legend) {
  return {
    chart: await chart.evaluate((svg) => [...new Set([...svg.querySelectorAll("rect[fill]")].map((e) => getComputedStyle(e).fill))].sort()),
    legend: await legend.evaluate((p) => [...new Set([...p.querySelectorAll(".swatch rect")].map((e) => getComputedStyle(e).fill))].sort()),
  };
}

/**
 * A chart's labels as drawn: the smallest and largest text height in px, and the labels that run
 * past the chart's edge (clipped, like a percentage beside a full bar).
 */
export async function chartLabels(chart) {
  return chart.evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }));
    const heights = texts.map((t) => t.r.height);
    return {
      smallest: Math.min(...heights),
      largest: Math.max(...heights),
      clipped: texts.filter((t) => t.r.right > box.right + 1 || t.r.left < box.left - 1)
        .map((t) => `${t.text} [${Math.round(t.r.left - box.left)}…${Math.round(t.r.right - box.left)} of ${Math.round(box.width)}]`),
    };
  });
}
