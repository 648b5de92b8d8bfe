package org.loyaltyrules.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A loyalty service: the starter wires the engine, the JDBC store, health and metrics; {@link EventsController} is the API. */
@SpringBootApplication
public class LoyaltyExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoyaltyExampleApplication.class, args);
    }
}
