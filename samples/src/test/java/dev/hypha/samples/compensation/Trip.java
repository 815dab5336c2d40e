package dev.hypha.samples.compensation;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;

/**
 * A trip booked as a saga: the flight first, then the hotel and the car at the same time, then the
 * payment, then the itinerary. When the payment is rejected, the bookings are cancelled in reverse
 * dependency order: the hotel's cancellation always fails (retried once, then FAILED), the car's
 * fails once and then succeeds, and the flight is cancelled last all the same.
 */
@Flow
public class Trip {
  private final Journal journal;

  public Trip(Journal journal) {
    this.journal = journal;
  }

  public record TripRequest(String traveller, boolean paymentRejected) {}

  public record Booking(String reference) {}

  @Task
  public Booking flight(@Input TripRequest request) {
    return book("flight-" + request.traveller());
  }

  @Task
  @DependsOn("flight")
  public Booking hotel(Booking flight) {
    return book("hotel-for-" + flight.reference());
  }

  @Task
  @DependsOn("flight")
  public Booking car(Booking flight) {
    return book("car-for-" + flight.reference());
  }

  @Task
  @DependsOn({"hotel", "car"})
  public Booking pay(Booking hotel, Booking car, @Input TripRequest request) {
    if (request.paymentRejected()) {
      throw new IllegalStateException("payment of " + request.traveller() + " rejected");
    }
    return book("payment-" + request.traveller());
  }

  @Task
  @DependsOn("pay")
  public String itinerary(Booking pay) {
    return "itinerary paid by " + pay.reference();
  }

  @Compensates("flight")
  public void cancelFlight(Booking flight) {
    journal.add("cancelled " + flight.reference());
  }

  @Compensates("hotel")
  @Retry(maxAttempts = 2, backoff = "PT0.01S")
  public void cancelHotel(Booking hotel, TaskContext context) {
    journal.add("cancelHotel attempt " + context.attempt());
    throw new IllegalStateException("the hotel's desk is closed");
  }

  @Compensates("car")
  @Retry(maxAttempts = 3, backoff = "PT0.01S")
  public void cancelCar(Booking car, TaskContext context) {
    if (context.attempt() == 1) {
      journal.add("cancelCar attempt 1 failed");
      throw new IllegalStateException("the car desk is busy");
    }
    journal.add("cancelled " + car.reference());
  }

  /** Never runs in these tests: the payment is the step that fails. */
  @Compensates("pay")
  public void refund(Booking pay) {
    journal.add("refunded " + pay.reference());
  }

  private Booking book(String reference) {
    journal.add("booked " + reference);
    return new Booking(reference);
  }
}
