package org.duban.evidence;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
@EnableConfigurationProperties(EvidenceSettings.class)
class EvidenceConfiguration {
  /** Room above duban.evidence.max-size, so that a file just over it reaches Duban's own check and message. */
  static final DataSize MARGIN = DataSize.ofMegabytes(1);

  /**
   * Spring's multipart limits (spring.servlet.multipart.*), raised where needed above the evidence
   * limit: a too large file is then refused by {@link EvidenceStore} naming the file and the limit.
   */
  @Bean
  MultipartConfigElement multipartConfigElement(MultipartProperties multipart, EvidenceSettings settings) {
    long file = Math.max(bytes(multipart.getMaxFileSize()), settings.maxSize().toBytes() + MARGIN.toBytes());
    long request = Math.max(bytes(multipart.getMaxRequestSize()), file);
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setLocation(multipart.getLocation());
    factory.setFileSizeThreshold(multipart.getFileSizeThreshold());
    factory.setMaxFileSize(DataSize.ofBytes(file));
    factory.setMaxRequestSize(DataSize.ofBytes(request));
    return factory.createMultipartConfig();
  }

  private static long bytes(DataSize size) {
    return size == null || size.isNegative() ? Long.MAX_VALUE : size.toBytes();
  }
}
