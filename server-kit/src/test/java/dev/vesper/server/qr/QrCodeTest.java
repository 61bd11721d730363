package dev.vesper.server.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our QR codes, read back by ZXing (a decoder nobody here wrote), across versions 1 to 40. */
class QrCodeTest {
  static String decode(QrCode qr) throws Exception {
    int scale = 4;
    int border = 4;
    int n = (qr.size() + border * 2) * scale;
    int[] pixels = new int[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int mx = x / scale - border;
        int my = y / scale - border;
        boolean dark = mx >= 0 && my >= 0 && mx < qr.size() && my < qr.size() && qr.dark(mx, my);
        pixels[y * n + x] = dark ? 0xff000000 : 0xffffffff;
      }
    }
    LuminanceSource source = new RGBLuminanceSource(n, n, pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.PURE_BARCODE, true,
        DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
  }

  static String text(int length, long seed) {
    Random r = new Random(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%&=:/?._-";
    StringBuilder s = new StringBuilder("openid4vp://?");
    while (s.length() < length) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {13, 17, 40, 100, 150, 272, 400, 700, 1000, 1300, 1700, 2200, 2900})
  void zxingReadsBackWhatWeEncode(int length) throws Exception {
    String text = text(length, length);
    QrCode qr = QrCode.encode(text);
    assertThat(qr.size()).isEqualTo(qr.version() * 4 + 17);
    assertThat(decode(qr)).isEqualTo(text);
  }

  @Test
  void everyVersionRoundTripsAtItsCapacity() throws Exception {
    for (int v = 1; v <= 40; v++) {
      int capacity = QrCode.dataCodewords(v) - (v < 10 ? 2 : 3);
      String text = text(capacity, v);
      QrCode qr = QrCode.encode(text);
      assertThat(qr.version()).as("version for %d bytes", capacity).isEqualTo(v);
      assertThat(decode(qr)).as("version " + v).isEqualTo(text);
    }
  }

  @Test
  void utf8AndSvgAndLimits() throws Exception {
    assertThat(decode(QrCode.encode("Köln ☎ +1 202 555 0100"))).isEqualTo("Köln ☎ +1 202 555 0100");
    String svg = QrCode.encode("hello").toSvg(4);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"").contains("<path d=\"M");
    assertThatThrownBy(() -> QrCode.encode("x".repeat(2954))).isInstanceOf(IllegalArgumentException.class);
  }
}
