package org.loyaltyrules.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/** A loyalty service: the starter wires the engine, the JDBC store, health and metrics; {@link EventsController} is the API. */
@SpringBootApplication
public class LoyaltyExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoyaltyExampleApplication.class, args);
    }

    /**
     * Member ids may hold {@code /} and {@code \} (an event names any member), so {@code /members/a%2Fb} must reach
     * member "a/b": Tomcat refuses an encoded slash or backslash in a path (400) unless told to pass it through still
     * encoded; Spring MVC then decodes it inside the {@code {id}} segment.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesInPaths() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
    }
}
