package org.tensornet4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** One CSV row per epoch ({@code metrics.csv}) and the learning curve as a PNG ({@code learning-curve.png}). */
final class TrainingLog {
    static final String CSV = "metrics.csv";
    static final String PNG = "learning-curve.png";
    static final String HEADER = "epoch,step,lr,train_loss,train_energy_mae,train_force_mae,val_loss,val_energy_mae,val_force_mae,seconds";

    record Row(long epoch, long step, double lr, double trainLoss, double trainEnergyMae, double trainForceMae, double valLoss,
               double valEnergyMae, double valForceMae, double seconds) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%d,%.6g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.3f", epoch, step, lr, trainLoss,
                    trainEnergyMae, trainForceMae, valLoss, valEnergyMae, valForceMae, seconds);
        }

        static Row parse(String line) {
            String[] f = line.split(",");
            return new Row(Long.parseLong(f[0]), Long.parseLong(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]),
                    d(f[8]), d(f[9]));
        }

        private static double d(String s) { return Double.parseDouble(s); }
    }

    private final Path csv;
    private final Path png;
    private final List<Row> rows = new ArrayList<>();

    /** Opens the log in {@code dir}; when resuming, keeps the rows up to {@code lastEpoch} (later ones were not saved). */
    TrainingLog(Path dir, long lastEpoch) {
        this.csv = dir.resolve(CSV);
        this.png = dir.resolve(PNG);
        if (lastEpoch >= 0 && Files.exists(csv)) {
            try {
                for (String line : Files.readAllLines(csv)) {
                    if (line.isBlank() || line.startsWith("epoch")) continue;
                    Row r = Row.parse(line);
                    if (r.epoch() <= lastEpoch) rows.add(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    List<Row> rows() { return List.copyOf(rows); }

    void add(Row r) {
        rows.add(r);
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) b.append(row.csv()).append('\n');
        try {
            Files.writeString(csv, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        plot();
    }

    private void plot() {
        System.setProperty("java.awt.headless", "true");
        double[] x = rows.stream().mapToDouble(Row::epoch).toArray();
        double[] train = rows.stream().mapToDouble(Row::trainLoss).toArray();
        double[] val = rows.stream().mapToDouble(Row::valLoss).toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Learning curve").xAxisTitle("epoch")
                .yAxisTitle("loss (weighted MSE)").build();
        double[] all = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(train), java.util.Arrays.stream(val))
                .filter(v -> !Double.isNaN(v)).toArray();
        double min = java.util.Arrays.stream(all).min().orElse(1);
        double max = java.util.Arrays.stream(all).max().orElse(1);
        // a log axis only when the losses span more than a decade (XChart labels none inside one decade)
        chart.getStyler().setYAxisLogarithmic(min > 0 && max / min > 10);
        chart.addSeries("train", x, train);
        if (java.util.Arrays.stream(val).noneMatch(Double::isNaN)) chart.addSeries("validation", x, val);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
