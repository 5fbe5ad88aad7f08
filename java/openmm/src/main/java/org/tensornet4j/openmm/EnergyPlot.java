package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * A PNG of the energies (left axis, kJ/mol) and the temperature (right axis, K) against time, drawn from a
 * {@link StateDataReporter} CSV, so a restarted run's plot covers all of it.
 */
public final class EnergyPlot {
    private EnergyPlot() {
    }

    public static void write(Path csv, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5])});
        }
        if (rows.isEmpty()) return;
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Energies and temperature")
                .xAxisTitle("time (ps)").yAxisTitle("energy (kJ/mol)").build();
        String[] names = {"potential", "kinetic", "total", "temperature (K)"};
        double[] t = rows.stream().mapToDouble(r -> r[0]).toArray();
        for (int k = 0; k < names.length; k++) {
            final int column = k + 1;
            XYSeries series = chart.addSeries(names[k], t, rows.stream().mapToDouble(r -> r[column]).toArray());
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            if (k == 3) series.setYAxisGroup(1);
        }
        chart.setYAxisGroupTitle(1, "temperature (K)");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
