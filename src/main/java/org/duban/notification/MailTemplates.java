package org.duban.notification;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Mail bodies from templates/mail/&lt;name&gt;.html and .txt, in Chinese; every value is escaped in the HTML. */
@Component
public class MailTemplates {
  private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
  private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

  public record Body(String text, String html) {}

  public Body render(String name, Map<String, Object> model) {
    Context context = new Context(java.util.Locale.SIMPLIFIED_CHINESE, model);
    return new Body(text.process(name, context), html.process(name, context));
  }

  private static TemplateEngine engine(TemplateMode mode, String suffix) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    TemplateEngine engine = new SpringTemplateEngine(); // SpEL for expressions: OGNL is not on the classpath
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
